"""Every dossier listing is in the case's audit trail with who and why, and `zeef audit
access` prints what people did: listings, views, refusals and decisions; never content."""

from __future__ import annotations

import json
from pathlib import Path

from makers import holdout_files, run_zeef

from zeef.pipeline.audit import AuditTrail
from zeef.storage.local import LocalStore

HOLDOUT = Path(__file__).resolve().parents[1] / "holdout"
CASE_ID = "2026-0412"


def test_dossier_listings_are_audited_and_reported(tmp_path):
    store = str(tmp_path / "store")
    files = holdout_files(CASE_ID)
    done = run_zeef("ingest", *files, "--case", str(HOLDOUT / "cases" / f"{CASE_ID}.json"),
                "--store", store)  # fmt: skip
    assert done.returncode == 0, done.stderr

    listed = run_zeef("dossier", CASE_ID, "--store", store, "--actor", "rita")
    assert listed.returncode == 0 and listed.stdout.strip()
    again = run_zeef(
        "dossier", CASE_ID, "--store", store, "--actor", "pia", "--purpose", "supervision"
    )
    assert again.returncode == 0
    refused = run_zeef("dossier", CASE_ID, "--store", store, "--purpose", "curiosity")
    assert refused.returncode == 2 and "--purpose" in refused.stderr

    report = run_zeef("audit", "access", CASE_ID, "--store", store)
    assert report.returncode == 0, report.stderr
    lines = [json.loads(x) for x in report.stdout.splitlines()]
    assert [(x["actor"], x["event"], x["reason"]) for x in lines] == [
        ("rita", "dossier_listed", "cli:case_handling"),
        ("pia", "dossier_listed", "cli:supervision"),
    ]
    assert AuditTrail(LocalStore(store), CASE_ID).verify().ok
    later = run_zeef("audit", "access", CASE_ID, "--store", store, "--since", "2999-01-01")
    assert later.returncode == 0 and later.stdout == ""
    # Ids and codes only: nothing of the case's people.
    subject = json.loads((HOLDOUT / "cases" / f"{CASE_ID}.json").read_text())["subject"]
    assert subject["name"] not in report.stdout
