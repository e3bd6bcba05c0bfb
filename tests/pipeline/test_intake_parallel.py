"""Mapped items of one case run at the same time (Airflow's mapped tasks on Celery or
LocalExecutor workers): several `process_item` calls of one case in parallel processes
rely on the one-writer-per-case lock. Every document ends up recorded once, with one
routing event, the trail verifies and the inbox is empty."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from zeef.domain.case import parse_case
from zeef.domain.records import DocumentRecord, record_from_bytes
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.intake import collect_inbox, process_item
from zeef.pipeline.registry import register_case
from zeef.pipeline.route import ROUTE_EVENTS, records_prefix
from zeef.storage.local import LocalStore

CASE = {
    "case_id": "2026-0301",
    "law": "participatiewet",
    "subject": {"name": "Fatima el Amrani", "bsn": "111222333"},
}
TEXTS = [
    "Aanvraag bijstand. Ik vraag een uitkering aan op grond van de Participatiewet.",
    "Loonstrook maart 2026. Bruto salaris 2.400,00 euro, netto 1.950,00 euro.",
    "Afschrift rekening NL91ABNA0417164300. Bij: huur 650,00. Af: boodschappen 80,00.",
    "Huurcontract woning Lindelaan 4. Huurprijs 650 euro per maand.",
    "Brief van de huisarts. Diagnose en behandeling van mevrouw El Amrani.",
    "Verklaring van de werkgever over de arbeidsuren in 2026.",
]


def _process(args: tuple[str, str, str, str]) -> dict:
    root, case_id, staged, run_id = args
    return process_item(LocalStore(Path(root)), case_id, staged, run_id)


def test_items_of_one_case_processed_in_parallel_are_recorded_once(tmp_path):
    store = LocalStore(tmp_path / "store")
    case = parse_case(CASE)
    register_case(store, case)
    inbox = tmp_path / "inbox" / case.case_id
    inbox.mkdir(parents=True)
    for i, text in enumerate(TEXTS):
        (inbox / f"document-{i}.txt").write_text(text, encoding="utf-8")
    items = collect_inbox(store, str(tmp_path / "inbox"), "run-parallel")
    assert len(items) == len(TEXTS)

    jobs = [(str(store.root), i["case_id"], i["staged"], "run-parallel") for i in items]
    with ProcessPoolExecutor(3, mp_context=multiprocessing.get_context("fork")) as pool:
        results = list(pool.map(_process, jobs))

    assert sum(r["records"] for r in results) == len(TEXTS)
    keys = store.list(records_prefix(case.case_id))
    records = [record_from_bytes(store.get(k)) for k in keys]
    assert len([r for r in records if isinstance(r, DocumentRecord)]) == len(TEXTS)
    trail = AuditTrail(store, case.case_id)
    assert trail.verify().ok
    routed = [e.document for e in trail.events() if e.event in ROUTE_EVENTS]
    assert sorted(routed) == sorted(r.sha256 for r in records)  # one event each
    assert not [p for p in (tmp_path / "inbox").rglob("*") if p.is_file()]
    assert store.list("incoming/") == []
