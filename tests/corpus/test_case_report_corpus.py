"""Case reports, shared notes and the new layouts in the corpus generator.

The generator writes the municipality's own reports (`case_report`): those that name a
diagnosis, medication or ZRM scores are labelled `diagnostic_language` and `review`, the
others `archive`. A personal note that was shared is labelled `shared` and `working`, an
unshared one stays `exclude`. Labels must agree with the text in every format.
"""

from __future__ import annotations

import email
import email.policy
import json
import random
import re
from collections import Counter
from pathlib import Path

import pytest
from faker import Faker

from zeef_corpus import generate as G
from zeef_corpus import tpl_application, tpl_bank, tpl_case_report, tpl_note
from zeef_corpus.doc import plain_text
from zeef_corpus.verify import check, file_text, norm

N = 6  # per category: 54 documents in the four default formats

# Written out here rather than taken from the generator: a few unmistakable diagnoses,
# medicines and the ZRM, none of which an `archive` report may hold.
DIAGNOSTIC = re.compile(
    r"\b(?:diabetes|COPD|depressie|hernia|ADHD|autisme|artrose|PTSS|epilepsie|"
    r"metformine|oxazepam|sertraline|methylfenidaat|ZRM|Zelfredzaamheid-Matrix)\b",
    re.IGNORECASE,
)
# What shows that a note was passed on (FAQ Q28).
SHARED = re.compile(
    r"(?<!\w)(?:Aan|Cc):|gedeeld met|doorgestuurd naar|doorgest\. naar|ter info|"
    r"verstuurd aan|gemaild naar|Overdracht|Voor mijn vervanger|Voor collega",
    re.IGNORECASE,
)

# A placeholder or a choice the template left unfilled.
UNFILLED = re.compile(r"\{\w+\}|\[[^\]\n]*\|[^\]\n]*\]")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return G.generate_corpus(tmp_path_factory.mktemp("cr"), n_per_category=N, seed=31)


@pytest.fixture(scope="module")
def rows(corpus) -> list[dict]:
    lines = (corpus / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(x) for x in lines]


def _text(corpus: Path, row: dict) -> str:
    return norm(file_text(row["file"], (corpus / row["file"]).read_bytes()))


def _docs(category: str, n: int, seed: int = 5, layout=None) -> list:
    """n documents of `category` built directly (no rendering), over all laws."""
    rng = random.Random(seed)
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    people = G.People(rng, fake, G.TODAY)
    out = []
    for k in range(n):
        case = G._new_case(rng, people, k, 1, [])
        out.append(G.build_doc(rng, case, category, layout=layout))
    return out


# --- the category in the corpus ------------------------------------------------------------


def test_case_report_is_a_category_like_the_others(rows):
    assert "case_report" in G.CATEGORIES
    assert Counter(r["category"] for r in rows)["case_report"] == N
    formats = {r["format"] for r in rows if r["category"] == "case_report"}
    assert formats == set(G.FORMATS)
    # an e-mail takes the category of its most restrictive part
    assert G.RESTRICTIVENESS.index("application") < G.RESTRICTIVENESS.index("case_report")
    assert G.RESTRICTIVENESS.index("case_report") < G.RESTRICTIVENESS.index("personal_note")


def test_case_report_dispositions_follow_the_text(corpus, rows):
    reports = [r for r in rows if r["category"] == "case_report"]
    assert {r["disposition"] for r in reports} == {"archive", "review"}
    for r in reports:
        text = _text(corpus, r)
        if r.get("diagnostic_language"):
            assert r["disposition"] == "review", r["file"]
            assert tpl_case_report.diagnostic_terms_in(text), r["file"]
        else:
            assert "diagnostic_language" not in r
            assert r["disposition"] == "archive", r["file"]
            assert not tpl_case_report.diagnostic_terms_in(text), r["file"]
            assert not DIAGNOSTIC.search(text), (r["file"], DIAGNOSTIC.search(text))


def test_case_report_emails(corpus, rows):
    mails = [r for r in rows if r["category"] == "case_report" and r["format"] == "eml"]
    assert mails
    for r in mails:
        assert "case_report" in [p["category"] for p in r["parts"]]
        msg = email.message_from_bytes(
            (corpus / r["file"]).read_bytes(), policy=email.policy.default
        )
        # between the municipality and the citizen: the citizen's address is on it
        ends = str(msg["From"]) + " " + str(msg["To"])
        assert any(s in ends for s in r["subject"] if "@" in s), r["file"]


def test_labelled_strings_occur_in_text(corpus):
    assert check(corpus) == []


def test_other_categories_keep_their_disposition(rows):
    for r in rows:
        if r["category"] not in ("medical", "case_report", "personal_note"):
            assert r["disposition"] == G.FIXED_DISPOSITION[r["category"]]
            assert "diagnostic_language" not in r and "shared" not in r


# --- the share of diagnostic reports and their layouts -------------------------------------


def test_about_a_third_of_case_reports_are_diagnostic():
    docs = _docs("case_report", 260)
    flagged = [d for d in docs if d.extra.get("diagnostic_language")]
    assert 0.25 <= len(flagged) / len(docs) <= 0.45
    for d in docs:
        text = plain_text(d)
        if d.extra.get("diagnostic_language"):
            assert d.extra["disposition"] == "review"
            assert tpl_case_report.diagnostic_terms_in(text)
        else:
            assert "disposition" not in d.extra
            assert not DIAGNOSTIC.search(text), (d.layout, DIAGNOSTIC.search(text))
    # the flagged ones name diagnoses, medication and ZRM scores, not one kind only
    named = Counter(
        t.lower() for d in flagged for t in tpl_case_report.diagnostic_terms_in(plain_text(d))
    )
    assert named["zrm"] > 0
    assert any(m in named for m in ("metformine", "oxazepam", "sertraline", "salbutamol"))
    assert len(named) >= 8


def test_case_report_layouts_cover_the_laws():
    layouts = tpl_case_report.LAYOUTS
    assert len({f.__name__ for f in layouts}) >= 10
    for law in G.LAWS:
        assert len(G._layouts(tpl_case_report, law)) >= 7, law
    law_only = {n for n, laws in G.LAW_ONLY.items() if len(laws) == 1}
    assert {f.__name__ for f in layouts} & law_only  # some layouts are one law's own


def test_reports_read_like_the_municipality_wrote_them():
    for d in _docs("case_report", 60, seed=8):
        text = plain_text(d)
        if d.layout != "contact_journal":  # an extract of the case system, unsigned
            signer = d.case.pro("consulent").sur.lower()
            assert signer in text.lower() or d.layout == "eligibility_report"
        assert d.case.city_name.lower() in text.lower()  # the municipality's name
        assert not UNFILLED.search(text), (d.layout, UNFILLED.search(text))


# --- shared notes ---------------------------------------------------------------------------


def test_shared_notes_are_working_and_say_so(corpus, rows):
    notes = [r for r in rows if r["category"] == "personal_note"]
    assert notes
    for r in notes:
        if r.get("shared"):
            assert r["disposition"] == "working", r["file"]
            assert SHARED.search(_text(corpus, r)), r["file"]
        else:
            assert r["disposition"] == "exclude", r["file"]


def test_about_thirty_percent_of_notes_are_shared():
    docs = _docs("personal_note", 200, seed=6)
    shared = [d for d in docs if d.extra.get("shared")]
    assert 0.2 <= len(shared) / len(docs) <= 0.42
    for d in docs:
        text = plain_text(d)
        if d.extra.get("shared"):
            assert d.extra["disposition"] == "working"
            assert SHARED.search(text), (d.layout, text)
        else:
            assert "disposition" not in d.extra


def test_shared_note_emails_go_to_a_colleague(tmp_path):
    root = G.generate_corpus(tmp_path / "m", n_per_category=12, seed=40, formats=("eml",))
    rows = [json.loads(x) for x in (root / "labels.jsonl").read_text("utf-8").splitlines()]
    notes = [r for r in rows if r["category"] == "personal_note"]
    assert {r["disposition"] for r in notes} == {"exclude", "working"}
    for r in notes:
        msg = email.message_from_bytes((root / r["file"]).read_bytes(), policy=email.policy.default)
        to_self = str(msg["From"]) == str(msg["To"])
        if r["layout"].split("+")[0] in {f.__name__ for f in tpl_note.SHARED_EMAIL_BODIES}:
            assert r.get("shared") and r["disposition"] == "working" and not to_self
        if not r.get("shared"):
            assert to_self


# --- the other new layouts ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "layout"),
    [
        ("application", tpl_application.digital_confirmation),
        ("application", tpl_application.paper_form),
        ("application", tpl_application.request_letter),
        ("application", tpl_application.wmo_melding),
        ("bank_statement", tpl_bank.app_screenshot),
        ("bank_statement", tpl_bank.banking_print),
        ("personal_note", tpl_note.sticky_note),
        ("personal_note", tpl_note.notebook_page),
    ],
)
def test_new_layouts_label_what_they_write(category, layout):
    for d in _docs(category, 12, seed=3, layout=layout):
        text = plain_text(d)
        assert d.labels["subject"], d.layout
        for role in d.labels.values():
            for s in role:
                assert s in text
        assert not UNFILLED.search(text), (d.layout, UNFILLED.search(text))


def test_new_application_layouts_are_dealt():
    for law in G.LAWS:
        names = {f.__name__ for f in G._layouts(tpl_application, law)}
        assert {"digital_confirmation", "paper_form", "request_letter"} <= names
        assert ("wmo_melding" in names) == (law == "wmo")
    confirmation = plain_text(
        _docs("application", 1, layout=tpl_application.digital_confirmation)[0]
    )
    assert "Bevestiging" in confirmation or "verzonden" in confirmation
    assert re.search(r"(Vraag: .+\nAntwoord: |\d+\. .+\?\n |\? » )", confirmation)
    form = plain_text(_docs("application", 1, layout=tpl_application.paper_form)[0])
    assert re.search(r"(\[x\]|\[X\]|☒) (Ja|ja|Nee|nee)", form)


def test_photographed_notes_are_short():
    for layout in (tpl_note.sticky_note, tpl_note.notebook_page):
        for d in _docs("personal_note", 10, seed=4, layout=layout):
            assert len(plain_text(d).splitlines()) <= 12
            assert "shared" not in d.extra


# --- determinism ----------------------------------------------------------------------------


def test_same_seed_same_bytes(tmp_path):
    def files(root: Path) -> dict[str, bytes]:
        return {
            str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
        }

    a = G.generate_corpus(tmp_path / "a", n_per_category=3, seed=77)
    b = G.generate_corpus(tmp_path / "b", n_per_category=3, seed=77)
    assert files(a) == files(b)
    c = G.generate_corpus(tmp_path / "c", n_per_category=3, seed=78)
    assert files(a)["labels.jsonl"] != files(c)["labels.jsonl"]
