"""Hostile input: time. Every stage is (near) linear in the text, and a document has a time
budget (`limits.document_seconds`) after which it goes to review (`time_budget`) and
`zeef redact` refuses it.

Before the fix a 400 KB text with 16,000 name mentions took 136 s and 800 KB never
finished (`roles._writer`, the name clustering and `analyzer.resolve_overlaps` compared
every mention or finding with every other). Each measurement here runs under an alarm,
so without the fix a test fails instead of hanging.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest

from zeef.classifiers.analyzer import analyzer
from zeef.domain.case import parse_case
from zeef.domain.vocabulary import Disposition
from zeef.pipeline.classify import classify_text
from zeef.pipeline.redact import redact_text

CASE = parse_case(
    {
        "case_id": "2026-0777",
        "law": "participatiewet",
        "subject": {
            "name": "Fatima el Amrani",
            "bsn": "111222333",
            "birth_date": "1984-03-12",
            "address": "Lindelaan 4, 3511 AB Utrecht",
            "iban": "NL91ABNA0417164300",
        },
    }
)
GIVEN = (
    "Gerrit Lotte Kees Anna Jan Pieter Sanne Youssef Ayşe Mehmet Fatima Henk Marieke Bram "
    "Johan Esther Priya Wojciech Shurmaine Lieke Daan Fleur Thijs Noor Sven Ilse Ruud Femke"
).split()
SURNAMES = (
    "Jansen Bakker Visser Smit Meijer Mulder Bos Vos Peters Hendriks Dekker Brouwer "
    "Kaya Yilmaz Nowak Kowalski Hoekstra Postma Koster Prins Huisman Kuipers Vermeulen "
    "Scholten Willems Verhoeven Jacobs Maas Schouten Sanders"
).split()
MB = 1_000_000
KB = 1_000


def many_names(size: int, seed: int = 7) -> str:
    """A letter-like text of `size` characters with a name mention every ~25 characters:
    many distinct people, each named again later, with data (phone, address, IBAN, BSN,
    e-mail) around them, and the subject among them."""
    rng = random.Random(seed)
    templates = (
        "Op {d} maart sprak de heer {g} {s} met mevrouw {g2} {s2} over {g} en {s2}. ",
        "Haar vriend {g} {s} belt op 06-{p}; {s} woont aan de Dorpsstraat {h}, 3511 AB. ",
        "Mevrouw Fatima el Amrani zegt dat {g2} {s2} ({g}) vaak bij {s} is. ",
        "Naam: {g} {s}\nBSN: 111222333\nIBAN: NL91ABNA0417164300\n\n",
        "Volgens {g2} rijdt {s} elke dag; J.H. {s} en dhr. {s2} weten dat. Mail {m}. ",
        "Met vriendelijke groet,\n\n{g} {s}\nconsulent\n\n",
    )
    out, n = [], 0
    while n < size:
        g, s = rng.choice(GIVEN), rng.choice(SURNAMES)
        g2, s2 = rng.choice(GIVEN), rng.choice(SURNAMES)
        piece = rng.choice(templates).format(
            g=g, s=s, g2=g2, s2=s2, d=rng.randint(1, 28), h=rng.randint(1, 300),
            p=rng.randint(10_000_000, 99_999_999), m=f"{g[0]}.{s}@example.nl".lower(),
        )  # fmt: skip
        out.append(piece)
        n += len(piece)
    return "".join(out)[:size]


def one_line_same_name(size: int) -> str:
    """One enormous line (no line break, no sentence end in reach) naming the same person
    over and over: what made the writer search quadratic."""
    piece = "de heer Jan Jansen belde, Jansen zei dat Jan niet kwam en mevrouw Jansen wel, "
    return (piece * (size // len(piece) + 1))[:size]


class TookTooLong(Exception):
    pass


@contextmanager
def alarm(seconds: float):
    """Stop the block after `seconds` (SIGALRM): without the fix it would run for hours."""

    def stop(signum, frame):
        raise TookTooLong(f"over {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _seconds(work, limit: float) -> float:
    started = time.perf_counter()
    with alarm(limit):
        work()
    return time.perf_counter() - started


@pytest.fixture(scope="module", autouse=True)
def _warm():
    analyzer()  # Presidio and spaCy load once, outside any measurement
    classify_text("warm.txt", many_names(2_000), CASE)


@pytest.mark.parametrize("make", [many_names, one_line_same_name], ids=["many", "one_line"])
def test_classify_time_grows_linearly_with_the_text(make, set_limits):
    set_limits(document_seconds=3_600.0)  # this test measures the stages, not the budget
    texts = {size: make(size) for size in (100 * KB, 400 * KB, 800 * KB)}
    seconds = {}
    for size, text in texts.items():
        result = {}

        def work(text=text, result=result):
            result["c"] = classify_text("hostile.txt", text, CASE)

        seconds[size] = _seconds(work, limit=120.0)
        assert "time_budget" not in result["c"].reasons
        assert len(result["c"].findings) > size // 100  # thousands of mentions
    ratio = seconds[800 * KB] / seconds[100 * KB]
    assert ratio < 16, f"8x the text took {ratio:.1f}x the time: {seconds}"
    assert seconds[800 * KB] < 90, seconds


def test_redaction_time_grows_linearly_with_the_text(set_limits):
    set_limits(document_seconds=3_600.0)
    seconds = {}
    for size in (100 * KB, 800 * KB):
        text = one_line_same_name(size)
        seconds[size] = _seconds(lambda text=text: redact_text(text, CASE), limit=120.0)
    ratio = seconds[800 * KB] / seconds[100 * KB]
    assert ratio < 16, f"8x the text took {ratio:.1f}x the time: {seconds}"


def test_a_document_over_its_budget_goes_to_review_quickly(set_limits):
    set_limits(document_seconds=0.05)
    text = many_names(800 * KB)
    result = {}

    def work():
        result["c"] = classify_text("big.txt", text, CASE, sha256="ab" * 32)

    took = _seconds(work, limit=30.0)
    c = result["c"]
    assert c.reasons == ["time_budget"]
    assert c.needs_review and c.disposition is Disposition.REVIEW
    assert c.findings == []  # nothing found before the budget ran out is trusted
    assert c.sha256 == "ab" * 32
    assert took < 10, took


def test_the_budget_leaves_an_ordinary_document_alone(set_limits):
    set_limits(document_seconds=30.0)
    c = classify_text("brief.txt", many_names(3 * KB), CASE)
    assert "time_budget" not in c.reasons and c.findings


@pytest.fixture
def over_budget(tmp_path):
    """A big text file, a case file and a settings file with a tiny document budget."""
    doc = tmp_path / "groot.txt"
    doc.write_text(many_names(800 * KB), encoding="utf-8")
    case = tmp_path / "case.json"
    case.write_text(
        json.dumps(
            {
                "case_id": "2026-0777",
                "law": "participatiewet",
                "subject": {"name": "Fatima el Amrani", "bsn": "111222333"},
            }
        ),
        encoding="utf-8",
    )
    config = tmp_path / "zeef.toml"
    config.write_text("[limits]\ndocument_seconds = 0.05\n", encoding="utf-8")
    return doc, case, config


def _zeef(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "zeef.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_zeef_redact_refuses_a_document_over_its_budget(over_budget, tmp_path):
    doc, case, config = over_budget
    out = tmp_path / "kopie.txt"
    done = _zeef(
        "--config", str(config), "redact", str(doc), "--case", str(case), "--out", str(out)
    )
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "time budget" in lines[0], done.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("kopie")]  # nothing written


def test_zeef_classify_sends_a_document_over_its_budget_to_review(over_budget):
    doc, case, config = over_budget
    done = _zeef("--config", str(config), "classify", str(doc), "--case", str(case))
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    result = json.loads(line)
    assert result["reasons"] == ["time_budget"]
    assert result["disposition"] == "review" and result["findings"] == []


def test_settings_validate_the_document_budget(tmp_path):
    from zeef.domain.errors import SettingsError
    from zeef.domain.settings import load_settings

    bad = tmp_path / "bad.toml"
    bad.write_text("[limits]\ndocument_seconds = 0\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="limits.document_seconds"):
        load_settings(bad)
    good = tmp_path / "good.toml"
    good.write_text("[limits]\ndocument_seconds = 45\n", encoding="utf-8")
    assert load_settings(good).limits.document_seconds == 45.0


def test_the_default_budget_is_two_minutes():
    from zeef.domain.settings import Limits

    assert Limits().document_seconds == 120.0
