"""While an enforcement investigation runs, inspection is refused (UAVG art. 41 lid 1 sub
h): exit 3, one line on stderr, the refusal letter in DIR, an audit event; once the
investigation is closed, the subject must be told within three months (FAQ Q12)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from case_docs import write_case, write_documents, write_settings
from readback import file_text

ZEEF = str(Path(sys.executable).parent / "zeef")


def zeef(*args: str, store: Path) -> subprocess.CompletedProcess:
    config = write_settings(store.parent)  # a municipality: letters that are no drafts
    return subprocess.run([ZEEF, "--config", str(config), *args, "--store", str(store)],
                          capture_output=True, text=True, timeout=600)  # fmt: skip


def test_refused_while_the_investigation_runs_then_the_subject_is_to_be_told(tmp_path):
    store = tmp_path / "store"
    case = write_case(tmp_path, enforcement_investigation=True)
    docs = write_documents(tmp_path / "docs", scan=False)
    assert zeef("ingest", *map(str, docs), "--case", str(case), store=store).returncode == 0
    assert zeef("inzage", "request", "2026-7001", "--received", "2026-11-02",
                store=store).returncode == 0  # fmt: skip

    out = tmp_path / "out"
    done = zeef("inzage", "2026-7001", "--out", str(out), store=store)
    assert done.returncode == 3
    assert len(done.stderr.strip().splitlines()) == 1
    assert "UAVG art. 41 lid 1 sub h" in done.stderr
    assert [p.name for p in out.iterdir()] == ["weigering-inzage-2026-7001.pdf"]
    letter = file_text(out / "weigering-inzage-2026-7001.pdf")
    assert "handhavingsonderzoek" in letter and "bezwaar" in letter
    assert "Gemeente Utrecht" in letter and "14 030" in letter and "CONCEPT" not in letter
    assert "sertraline" not in letter and "Gerrit" not in letter
    events = [json.loads(p.read_text()) for p in sorted((store / "audit/2026-7001").glob("0*"))]
    assert events[-1]["event"] == "inzage_refused"

    status = json.loads(zeef("inzage", "status", "2026-7001", store=store).stdout)
    assert status["request"]["state"] == "refused"
    assert status["investigation"]["running"] is True
    assert status["inspection"] == "refused_while_investigation_runs"

    # The investigation is closed: the case file says so again.
    write_case(tmp_path, enforcement_investigation=False)
    assert zeef("cases", "add", str(case), store=store).returncode == 0
    status = json.loads(zeef("inzage", "status", "2026-7001", store=store).stdout)
    closed = status["investigation"]
    assert closed["running"] is False and closed["subject_informed"] is None
    assert closed["inform_subject_by"] > closed["closed"]
    late = zeef("inzage", "status", "2026-7001", "--now", "2099-01-01", store=store)
    assert json.loads(late.stdout)["investigation"]["inform_subject_overdue"] is True

    assert zeef("inzage", "informed", "2026-7001", store=store).returncode == 0
    late = zeef("inzage", "status", "2026-7001", "--now", "2099-01-01", store=store)
    assert json.loads(late.stdout)["investigation"]["inform_subject_overdue"] is False
    # And now the package can be made.
    done = zeef("inzage", "2026-7001", "--out", str(tmp_path / "out2"), store=store)
    assert done.returncode == 0, done.stderr
