"""Issue 15's done-when, through the `zeef` command as an operator types it, on a held-out
case (2026-0412, never used for training): a handover leaves nothing of the document; a
decision with one supporting document and a retention run two months later leave that
document in the archive and nothing else of the working dossier; `zeef audit access`
lists the dossier reads; `zeef audit verify` holds after every step."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from makers import holdout_files, run_zeef

from zeef.storage.local import LocalStore

HOLDOUT = Path(__file__).resolve().parents[1] / "holdout"
CASE_ID = "2026-0412"


def verified(store: str) -> bool:
    out = run_zeef("audit", "verify", CASE_ID, "--store", store)
    return out.returncode == 0 and json.loads(out.stdout)["ok"]


def test_a_case_from_intake_to_retention(tmp_path):
    store = str(tmp_path / "store")
    files = holdout_files(CASE_ID)
    done = run_zeef("ingest", *files, "--case", str(HOLDOUT / "cases" / f"{CASE_ID}.json"),
                "--store", store)  # fmt: skip
    assert done.returncode == 0, done.stderr
    local = LocalStore(store)

    # Handover of the forwarded medical document: nothing of it is left.
    [forwarded] = local.list(f"outbox/medical_adviser/{CASE_ID}/")
    sha = forwarded.rsplit("/", 1)[1]
    data = local.get(forwarded)
    out = run_zeef("handover", CASE_ID, sha, "--how", "post", "--actor", "mark", "--store", store)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["location"] is None
    assert not [k for k in local.list() if local.get(k) == data]
    again = run_zeef("handover", CASE_ID, sha, "--how", "post", "--store", store)
    assert again.returncode == 2
    assert verified(store)

    # The decision rests on one working document; the rest of the working dossier goes
    # once the objection period has passed.
    working = [k.rsplit("/", 1)[1] for k in local.list(f"dossier/{CASE_ID}/working/")]
    assert len(working) >= 2
    archived_before = set(local.list(f"dossier/{CASE_ID}/archive/"))
    today = dt.datetime.now(dt.UTC).date()
    out = run_zeef("cases", "decide", CASE_ID, "--date", today.isoformat(), "--supports",
               working[0], "--by", "rita", "--store", store)  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert verified(store)
    soon = run_zeef("retention", "run", "--now", today.isoformat(), "--store", store)
    assert soon.returncode == 0 and json.loads(soon.stdout)["destroyed"] == 0
    later = (today + dt.timedelta(days=62)).isoformat()
    dry = run_zeef("retention", "run", "--now", later, "--dry-run", "--store", store)
    assert dry.returncode == 0 and json.loads(dry.stdout)["overdue"] == len(working) - 1
    run = run_zeef("retention", "run", "--now", later, "--store", store)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["destroyed"] == len(working) - 1
    assert local.list(f"dossier/{CASE_ID}/working/") == []
    assert set(local.list(f"dossier/{CASE_ID}/archive/")) == archived_before | {
        f"dossier/{CASE_ID}/archive/{working[0]}"
    }
    assert verified(store)

    # Who read the dossier.
    for actor in ("rita", "pia"):
        assert run_zeef("dossier", CASE_ID, "--actor", actor, "--store", store).returncode == 0
    access = run_zeef("audit", "access", CASE_ID, "--store", store)
    listed = [json.loads(x) for x in access.stdout.splitlines()]
    assert [x["actor"] for x in listed if x["event"] == "dossier_listed"] == ["rita", "pia"]
    assert {"document_handed_over", "case_decided"} <= {x["event"] for x in listed}
    assert verified(store)
