"""Airflow for the DAG tests: one metadata database (SQLite) per session in a pytest tmp
folder, migrated once, with the pool `zeef_ocr`.

`airflow_home` puts the settings in the environment before anything imports airflow (the
test modules import it inside the tests only: airflow reads AIRFLOW_HOME once, at its
first import); the DAG runs themselves go to a subprocess
(test_intake_dag_run.py, `run_dag_test`), as `airflow dags test` does, so that everything
they print can be checked.
Without Airflow installed these tests fail, never skip: `make setup` installs the
`airflow` extra."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DAGS = REPO / "dags"
BIN = Path(sys.executable).parent
POOL = "zeef_ocr"


@dataclasses.dataclass(frozen=True)
class AirflowHome:
    home: Path
    env: dict[str, str]

    @property
    def database(self) -> Path:
        return self.home / "airflow.db"

    def cli(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        run = subprocess.run([str(BIN / "airflow"), *args], capture_output=True, text=True,
                             env={**os.environ, **self.env}, timeout=timeout)  # fmt: skip
        assert run.returncode == 0, (args, run.stdout[-2000:], run.stderr[-2000:])
        return run


def airflow_env(home: Path) -> dict[str, str]:
    """The settings of a test Airflow in `home` (SQLite, LocalExecutor, no examples), and
    the DAG's retry delay shortened (read when the DAG file is parsed)."""
    return {
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(home / "logs"),
        "ZEEF_RETRIES": "2",
        "ZEEF_RETRY_DELAY_SECONDS": "1",
    }


@pytest.fixture(scope="session")
def airflow_settings():
    """`airflow_env` itself: the settings of a test Airflow in a given folder."""
    return airflow_env


@pytest.fixture(scope="session")
def airflow_home(tmp_path_factory):
    if not (BIN / "airflow").exists():
        pytest.fail(
            "Airflow is missing: the DAG tests need it. Install the extra: "
            ".venv/bin/pip install -e '.[dev,airflow]' (make setup does).",
            pytrace=False,
        )
    home = tmp_path_factory.mktemp("airflow")
    env = airflow_env(home)
    if "airflow" in sys.modules and os.environ.get("AIRFLOW_HOME") != str(home):
        pytest.fail("airflow was imported before the DAG tests set AIRFLOW_HOME", pytrace=False)
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        # `dag.test()` needs the tables ("no such table" otherwise).
        airflow = AirflowHome(home, env)
        airflow.cli("db", "migrate")
        # dag.test() would run without it, a scheduler would not queue the documents.
        airflow.cli("pools", "set", POOL, "2", "zeef: documents read and classified at once")
        yield airflow
