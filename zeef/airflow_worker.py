"""Airflow's Celery settings for zeef's workers (`[celery] celery_config_options`):
Airflow's own, plus zeef's classifier loaded once in each worker before its pool starts.

Airflow runs every task in a process forked from the worker's pool process, which is
forked from the worker itself. Loaded here, in the worker's main process (Celery's
`worker_init`), the analyzer (spaCy's Dutch model, Presidio, zeef's recognizers and
categoriser: about 1.7 s) is inherited by every task instead of loaded by each: one
document's task then costs its reading and classifying only. Other processes that read
this setting (the scheduler, the api-server) connect the signal but never send it.

    AIRFLOW__CELERY__CELERY_CONFIG_OPTIONS=zeef.airflow_worker.CELERY_CONFIG
"""

from __future__ import annotations

import logging

from airflow.providers.celery.executors.default_celery import DEFAULT_CELERY_CONFIG
from celery.signals import worker_init

log = logging.getLogger(__name__)

CELERY_CONFIG = DEFAULT_CELERY_CONFIG

# A made-up letter: loads every model and table a real document would.
_WARM_UP = (
    "Geachte heer De Vries,\n\nHierbij stuur ik mijn loonstrook van maart en het "
    "afschrift van mijn rekening NL91 ABNA 0417 1643 00.\n\nMet vriendelijke groet,\n"
    "J. Jansen\nDorpsstraat 1, 1234 AB Utrecht"
)


@worker_init.connect
def load_classifier(**_kwargs) -> None:
    """Imports zeef's pipeline and classifies one made-up letter. A failure is logged
    (its type only) and left to the tasks, which load what they need themselves."""
    try:
        from zeef.pipeline import classify, intake  # noqa: F401  (the tasks' imports)

        classify.classify_text("warm-up.txt", _WARM_UP, None)
    except Exception as exc:  # noqa: BLE001 - a warm-up never stops a worker
        log.warning("zeef: classifier not preloaded (%s)", type(exc).__name__)
        return
    log.info("zeef: classifier loaded before the pool starts")
