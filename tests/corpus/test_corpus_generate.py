"""The synthetic corpus generator: runs, is reproducible, and its labels are true."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import random
from collections import Counter
from pathlib import Path

import pytest

from zeef_corpus import generate as G
from zeef_corpus import mrz
from zeef_corpus.dutch import bsn_valid, iban_valid
from zeef_corpus.verify import docx_text, eml_text, file_text, norm, pdf_text, txt_text

N = 4  # per category: with four formats every (category, format) pair occurs once


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return G.generate_corpus(tmp_path_factory.mktemp("a"), n_per_category=N, seed=3)


@pytest.fixture(scope="module")
def rows(corpus) -> list[dict]:
    return [
        json.loads(x) for x in (corpus / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    ]


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_layout_and_counts(corpus, rows):
    assert len(rows) == len(G.CATEGORIES) * N
    assert (corpus / "cases").is_dir() and (corpus / "docs").is_dir()
    for r in rows:
        assert (corpus / r["file"]).is_file()
        assert (corpus / r["case"]).is_file()
        assert r["file"].startswith("docs/") and r["case"].startswith("cases/")
    assert Counter(r["category"] for r in rows) == {c: N for c in G.CATEGORIES}


def test_every_category_in_every_format(rows):
    pairs = {(r["category"], r["format"]) for r in rows}
    assert pairs == {(c, f) for c in G.CATEGORIES for f in G.FORMATS}


def test_same_seed_same_bytes(corpus, tmp_path):
    again = G.generate_corpus(tmp_path / "b", n_per_category=N, seed=3)
    assert _files(corpus) == _files(again)


def test_other_seed_other_documents(corpus, tmp_path):
    other = G.generate_corpus(tmp_path / "c", n_per_category=N, seed=4)
    a, b = _files(corpus), _files(other)
    assert a["labels.jsonl"] != b["labels.jsonl"]
    docs_a = {v for k, v in a.items() if k.startswith("docs/")}
    docs_b = {v for k, v in b.items() if k.startswith("docs/")}
    assert not docs_a & docs_b


def test_case_files(corpus, rows):
    for path in sorted((corpus / "cases").glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        assert set(case) == {
            "case_id",
            "law",
            "subject",
            "enforcement_investigation",
            "medical_policy",
        }
        assert case["law"] in G.LAWS
        assert case["medical_policy"] in ("forward_medical_adviser", "return_to_sender")
        assert isinstance(case["enforcement_investigation"], bool)
        s = case["subject"]
        assert set(s) == {"name", "bsn", "birth_date", "address", "iban"}
        assert bsn_valid(s["bsn"]), s["bsn"]
        assert iban_valid(s["iban"]) and s["iban"].startswith("NL"), s["iban"]
        dt.date.fromisoformat(s["birth_date"])
        assert path.stem == case["case_id"]
    for r in rows:
        case = json.loads((corpus / r["case"]).read_text(encoding="utf-8"))
        want = (
            case["medical_policy"]
            if r["category"] == "medical"
            else G.FIXED_DISPOSITION[r["category"]]
        )
        if r.get("diagnostic_language"):  # a case report that names a diagnosis: review
            want = "review"
        elif r.get("shared"):  # a personal note shared with others: working (FAQ Q28)
            want = "working"
        assert r["disposition"] == want


def test_labelled_strings_occur_in_text(corpus, rows):
    """Every labelled string is in the text: txt/docx/eml directly, PDFs via pypdf."""
    for r in rows:
        data = (corpus / r["file"]).read_bytes()
        if r["format"] == "txt":
            text = txt_text(data)
        elif r["format"] == "docx":
            text = docx_text(data)
        elif r["format"] == "pdf":
            text = pdf_text(data)
        else:
            text = eml_text(data, pdf=True)
        text = norm(text)
        for role in ("third_party", "subject", "professional"):
            for s in r[role]:
                assert norm(s) in text, (r["file"], role, s)
        if r["layout"] != "newsletter":
            assert r["subject"], r["file"]  # every document is about its subject


def test_third_parties_are_labelled(corpus, rows):
    with_tp = [r for r in rows if r["third_party"]]
    assert len(with_tp) >= len(rows) // 4
    tips = [r for r in rows if r["category"] == "third_party_tip"]
    # an anonymous tip may name nobody but the subject; most name someone
    assert sum(bool(r["third_party"]) for r in tips) >= len(tips) // 2


def test_email_parts(corpus, rows):
    mails = [r for r in rows if r["format"] == "eml"]
    assert {r["category"] for r in mails} == set(G.CATEGORIES)
    for r in mails:
        parts = r["parts"]
        assert parts[0]["name"] == "body"
        assert r["category"] == G.most_restrictive([p["category"] for p in parts])
        msg = email.message_from_bytes(
            (corpus / r["file"]).read_bytes(), policy=email.policy.default
        )
        names = [p.get_filename() for p in msg.walk() if p.get_filename()]
        for p in parts[1:]:
            assert p["name"].split("/")[-1] in names


def test_id_copies_carry_document_number(rows, corpus):
    for r in rows:
        if r["category"] != "id_copy":
            continue
        idd = r["id_document"]
        dt.date.fromisoformat(idd["valid_until"])
        text = norm(file_text(r["file"], (corpus / r["file"]).read_bytes()))
        assert idd["number"] in text


def test_mrz_check_digits_match_labels():
    rng = random.Random(11)
    from faker import Faker

    fake = Faker("nl_NL")
    fake.seed_instance(11)
    people = G.People(rng, fake, G.TODAY)
    seen = Counter()
    for k in range(60):
        case = G._new_case(rng, people, k, 1, [])
        d = G.build_doc(rng, case, "id_copy")
        if "mrz" not in d.extra:
            continue
        lines = d.extra["mrz"]
        assert len(lines) in (2, 3)
        assert all(len(x) == (44 if len(lines) == 2 else 30) for x in lines)
        assert mrz.mrz_valid(lines) is d.extra["mrz_valid"], lines
        text = "\n".join(b for blk in d.blocks for b in blk.lines)
        assert all(x in text for x in lines)
        seen[(len(lines), d.extra["mrz_valid"])] += 1
    assert seen[(2, True)] and seen[(3, True)]
    assert seen[(2, False)] + seen[(3, False)] > 0


def test_mrz_against_icao_specimens():
    # ICAO Doc 9303 part 4 and part 5 specimens.
    td3 = mrz.td3(
        doc_type="P",
        issuing="UTO",
        name="ERIKSSON<<ANNA<MARIA",
        number="L898902C3",
        nationality="UTO",
        birth=dt.date(1974, 8, 12),
        sex="F",
        expiry=dt.date(2012, 4, 15),
        optional="ZE184226B",
    )
    assert td3 == [
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ]
    td1 = mrz.td1(
        doc_type="I",
        issuing="UTO",
        name="ERIKSSON<<ANNA<MARIA",
        number="D23145890",
        nationality="UTO",
        birth=dt.date(1974, 8, 12),
        sex="F",
        expiry=dt.date(2012, 4, 15),
    )
    assert td1 == [
        "I<UTOD231458907<<<<<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<6",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    ]
    assert mrz.mrz_valid(td3) and mrz.mrz_valid(td1)
    rng = random.Random(0)
    for _ in range(20):
        assert not mrz.mrz_valid(mrz.corrupt(rng, td3))
        assert not mrz.mrz_valid(mrz.corrupt(rng, td1))


def test_cli(tmp_path, capsys):
    assert (
        G.main(
            [str(tmp_path / "out"), "--per-category", "1", "--seed", "5", "--formats", "txt,docx"]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["documents"] == len(G.CATEGORIES)
    fmts = {
        json.loads(x)["format"]
        for x in (tmp_path / "out" / "labels.jsonl").read_text().splitlines()
    }
    assert fmts <= {"txt", "docx"}
    assert G.main([str(tmp_path / "bad"), "--formats", "odt"]) == 2
