"""`zeef inzage CASE_ID --out DIR`: the subject's inspection copy, as the command line
makes it from a real store (documents ingested by `zeef ingest`)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from case_docs import SUBJECT, THIRD_PARTY
from readback import file_text, holds, package_text

ZEEF = str(Path(sys.executable).parent / "zeef")


def run(*args: str, store: Path) -> subprocess.CompletedProcess:
    return subprocess.run([ZEEF, *args, "--store", str(store)], capture_output=True, text=True,
                          timeout=600)  # fmt: skip


@pytest.fixture(scope="module")
def package(ingested, tmp_path_factory):
    store, _, summary = ingested
    out = tmp_path_factory.mktemp("package") / "inzage"
    done = run("inzage", "2026-7001", "--out", str(out), store=store)
    assert done.returncode == 0, done.stderr
    return out, json.loads(done.stdout), summary, package_text(out)


def test_the_package_has_the_contracts_files(package):
    out, printed, _, _ = package
    assert (out / "index.json").is_file()
    assert (out / "inzage-2026-7001.pdf").is_file()
    assert sorted(p.name for p in (out / "documents").iterdir()) == sorted(
        Path(f).name for f in printed["files"] if f.startswith("documents/")
    )
    assert printed["included"] == 4 and printed["documents"] == 5


def test_the_index_lists_every_document_the_case_holds_or_held(package):
    out, _, summary, _ = package
    index = json.loads((out / "index.json").read_text())["documents"]
    by_sha = {line["sha256"]: line for line in index}
    assert {d["sha256"] for d in summary["documents"]} <= set(by_sha)
    for line in index:
        assert {"sha256", "category", "included", "reason"} <= set(line)
    gp = next(d for d in summary["documents"] if d["file"].endswith("brief-huisarts.txt"))
    assert by_sha[gp["sha256"]]["included"] is False
    assert by_sha[gp["sha256"]]["reason"] == "forwarded_medical_adviser"
    included = [line for line in index if line["included"]]
    assert all((out / line["file"]).is_file() for line in included)
    assert all(line["received"] for line in index)


def test_no_third_party_can_be_read_anywhere_in_the_package(package):
    _, _, _, texts = package
    for path, text in texts.items():
        if path == "brief.txt":
            continue  # the letter: zeef's words and the subject's own data
        left = [s for s in THIRD_PARTY if holds(text, s)]
        assert not left, (path, len(left))


def test_the_subjects_own_data_stay(package):
    out, _, _, _ = package
    application = next((out / "documents").glob("*aanvraag.pdf"))
    text = file_text(application)
    assert all(holds(text, s) for s in SUBJECT), [s for s in SUBJECT if not holds(text, s)]
    report = file_text(next((out / "documents").glob("*verslag.pdf")))
    assert holds(report, "el Amrani") and holds(report, "Lindelaan 4")


def test_the_medical_letter_is_not_in_the_package(package):
    _, _, _, texts = package
    assert not any(holds(t, "sertraline") or holds(t, "hernia") for t in texts.values())


def test_one_person_has_one_label_in_every_document(package):
    out, _, _, _ = package
    tip = (out / "documents").glob("*melding.txt")
    tip_text = next(tip).read_text()
    assert "Lindelaan 4" in tip_text  # the subject's own number, not a neighbour's
    tipster = re.search(r"Naam: (\[derde \d+\])", tip_text).group(1)
    partner = re.search(r"Hij heet (\[derde \d+\])", tip_text).group(1)
    assert tipster != partner
    report = file_text(next((out / "documents").glob("*verslag.pdf")))
    labels = set(re.findall(r"\[derde \d+\]", report))
    assert {tipster, partner} <= labels  # numbered once, for the whole package


def test_the_scanned_tip_is_painted_not_dropped(package):
    out, _, _, texts = package
    scans = [p for p in texts if p.endswith(".png")]
    assert len(scans) == 1
    text = texts[scans[0]]
    assert holds(text, "ochtend vertrekken") and holds(text, "Fatima el Amrani")
    assert not holds(text, "Henk Jansen")
    # "Mijn buurvrouw": the writer's relation to the subject identifies the writer.
    assert not holds(text, "buurvrouw")


def test_the_cover_letter_says_what_article_15_requires(package):
    _, _, _, texts = package
    letter = texts["brief.txt"]
    for words in (
        "Waarvoor wij uw gegevens gebruiken",  # purposes
        "Welke gegevens wij van u hebben",  # categories
        "medisch adviseur",  # recipients
        "Archiefwet 1995",  # retention
        "Waar uw gegevens vandaan komen",  # source
        "verbeteren",  # rectification
        "Autoriteit Persoonsgegevens",  # complaint
        "melding van een ander",  # the index names the tip by its kind
    ):
        assert words in letter, words
    assert "Fatima el Amrani" in letter
    combined = texts["inzage-2026-7001.pdf"]
    assert "Autoriteit Persoonsgegevens" in combined and "Aanvraag bijzondere bijstand" in combined


def test_an_out_folder_that_is_not_empty_is_refused(ingested, tmp_path):
    store, _, _ = ingested
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    done = run("inzage", "2026-7001", "--out", str(tmp_path / "full"), store=store)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert (tmp_path / "full" / "x").read_text() == "x"


def test_nothing_personal_in_the_audit_trail_or_the_output_line(package, ingested):
    store, _, _ = ingested
    _, printed, _, _ = package
    events = b"".join(p.read_bytes() for p in (store / "audit" / "2026-7001").glob("*.json"))
    line = json.dumps(printed)
    for s in [*THIRD_PARTY, *SUBJECT]:
        assert s.encode() not in events and s not in line
    assert b"inzage_prepared" in events
