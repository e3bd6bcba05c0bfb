"""What waits for a person (`queues`): the medical adviser's outbox, returns, review and
the unmatched queue, with ages, deadlines and overdue flags; on a local folder and on a
real S3 server, with a held-out case (2026-0412, never used for training) ingested."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from makers import ingest_holdout

from zeef.domain import settings
from zeef.domain.records import record_from_bytes
from zeef.domain.settings import Deadlines, Settings
from zeef.pipeline import intake
from zeef.pipeline import queues as queues_module
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.handover import handover
from zeef.pipeline.queues import queues
from zeef.pipeline.review_decision import Decision, decide
from zeef.pipeline.route import record_key

HOLDOUT = Path(__file__).resolve().parents[1] / "holdout"
CASE_ID = "2026-0412"
KEYS = {"queue", "case_id", "sha256", "category", "since", "age_days", "deadline", "overdue"}


@pytest.fixture
def deadlines():
    """Outbox 3 days, returns 5 days (calendar), review as the defaults."""
    settings.use(Settings(deadlines=Deadlines(outbox_days=3, returns_days=5)))
    yield
    settings.use(None)


@pytest.fixture
def waiting(store, tmp_path, deadlines):
    """The held-out case ingested with one more file that goes to review (not readable),
    one of its two review documents returned by a reviewer two days after receipt, and an
    inbox item no case is found for parked by intake."""
    unreadable = tmp_path / "scan.pdf"
    unreadable.write_bytes(b"%PDF-1.4 not a PDF after all")
    ingest_holdout(store, CASE_ID, [str(unreadable)])
    review = sorted(k.rsplit("/", 1)[1] for k in store.list(f"review/{CASE_ID}/"))
    assert len(review) == 2
    outbox = store.list(f"outbox/medical_adviser/{CASE_ID}/")[0].rsplit("/", 1)[1]
    received = dt.datetime.fromisoformat(
        record_from_bytes(store.get(record_key(CASE_ID, outbox))).received
    ).date()
    decided = dt.datetime.combine(received + dt.timedelta(days=2), dt.time(10), dt.UTC)
    decision = Decision.parse("other", "return_to_sender", "not_needed")
    decide(store, CASE_ID, review[0], decision, actor="rita", now=decided)

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "los.txt").write_bytes(b"een los briefje zonder zaaknummer\n")
    assert intake.collect_inbox(store, str(inbox), "run-q") == []
    [parked] = store.list("unmatched/")
    return {
        "store": store,
        "received": received,
        "outbox": outbox,
        "returns": review[0],
        "review": review[1],
        "unmatched": parked.rsplit("/", 1)[1],
    }


def _by_queue(lines) -> dict[str, dict]:
    assert len({x["queue"] for x in lines}) == len(lines)
    return {x["queue"]: x for x in lines}


def test_queues_list_every_waiting_item_with_age_and_deadline(waiting):
    store, received = waiting["store"], waiting["received"]
    returned = received + dt.timedelta(days=2)
    review_deadline = dt.date.fromisoformat(
        record_from_bytes(store.get(record_key(CASE_ID, waiting["review"]))).review_deadline
    )

    lines = queues(store, today=received)
    assert all(set(x) == KEYS for x in lines)
    by = _by_queue(lines)
    assert set(by) == {"outbox", "returns", "review", "unmatched"}
    assert by["outbox"] == {
        "queue": "outbox",
        "case_id": CASE_ID,
        "sha256": waiting["outbox"],
        "category": "medical",
        "since": received.isoformat(),
        "age_days": 0,
        "deadline": (received + dt.timedelta(days=3)).isoformat(),
        "overdue": False,
    }
    assert by["returns"]["sha256"] == waiting["returns"]
    assert by["returns"]["category"] == "other"
    assert by["returns"]["since"] == returned.isoformat()  # the reviewer's decision
    assert by["returns"]["deadline"] == (returned + dt.timedelta(days=5)).isoformat()
    assert by["review"]["sha256"] == waiting["review"]
    assert by["review"]["since"] == received.isoformat()
    assert by["review"]["deadline"] == review_deadline.isoformat()
    unmatched = by["unmatched"]
    assert (unmatched["case_id"], unmatched["category"], unmatched["deadline"]) == (None,) * 3
    assert unmatched["sha256"] == waiting["unmatched"]
    # Parked today (the intake trail's event), however the test's dates were chosen.
    parked = dt.datetime.now(dt.UTC).date()
    assert unmatched["since"] == parked.isoformat()
    assert unmatched["age_days"] == (received - parked).days
    assert not any(x["overdue"] for x in lines)
    # Nothing overdue: by deadline (outbox 3 days, returns 2 + 5, review 10 working
    # days), the unmatched item (no deadline) last.
    assert [x["queue"] for x in lines] == ["outbox", "returns", "review", "unmatched"]

    # Four days on: the outbox is overdue (first), returns and review are not.
    later = _by_queue(queues(store, today=received + dt.timedelta(days=4)))
    assert later["outbox"]["overdue"] and later["outbox"]["age_days"] == 4
    assert later["returns"]["age_days"] == 2 and not later["returns"]["overdue"]
    assert not later["review"]["overdue"]

    far = received + dt.timedelta(days=400)
    lines = queues(store, today=far)
    by = _by_queue(lines)
    assert [x["overdue"] for x in lines] == [True, True, True, False]
    assert [x["queue"] for x in lines] == ["outbox", "returns", "review", "unmatched"]
    assert by["outbox"]["age_days"] == 400 and by["returns"]["age_days"] == 398
    assert by["review"]["age_days"] == 400
    assert by["unmatched"]["overdue"] is False
    json.dumps(lines)  # ids, codes, dates and numbers only
    assert AuditTrail(store, CASE_ID).verify().ok
    assert AuditTrail(store, intake.INTAKE_TRAIL).verify().ok


def test_a_handed_over_document_leaves_its_queue(waiting):
    store = waiting["store"]
    handover(store, CASE_ID, waiting["outbox"], how="post", actor="mark")
    handover(store, CASE_ID, waiting["returns"], to="subject", how="post", actor="rita")
    assert {x["queue"] for x in queues(store)} == {"review", "unmatched"}
    assert AuditTrail(store, CASE_ID).verify().ok


def test_an_empty_store_has_nothing_waiting(store):
    assert queues(store) == []


def test_the_intake_names_agree():
    assert queues_module.INTAKE_TRAIL == intake.INTAKE_TRAIL
    assert queues_module.UNMATCHED_PREFIX == f"{intake.UNMATCHED}/"
    assert queues_module.ITEM_UNMATCHED == intake.ITEM_UNMATCHED
