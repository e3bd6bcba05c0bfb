"""What the DAGs in `dags/` read at run time, inside their tasks: a setting from an Airflow
Variable (else the environment), and the store it names. One place for the three DAGs;
Airflow is imported only when a task calls these (parsing a DAG file reads nothing)."""

from __future__ import annotations

import os


def setting(variable: str, env: str) -> str | None:
    """The Airflow Variable `variable`, else the environment variable `env`, else None."""
    from airflow.sdk import Variable

    value = Variable.get(variable, default=None)
    return value or os.environ.get(env) or None


def store():
    """The store of the Variable zeef_store (else ZEEF_STORE); a task failure (no retry)
    when neither is set."""
    from airflow.sdk.exceptions import AirflowFailException

    from zeef.storage import open_store

    url = setting("zeef_store", "ZEEF_STORE")
    if not url:
        raise AirflowFailException(
            "no store: set the Airflow Variable zeef_store or the environment's ZEEF_STORE"
        )
    return open_store(url)
