# syntax=docker/dockerfile:1
# One image for every zeef and Airflow service in docker-compose.yml (docs/deployment.md):
# the zeef package with its `web` and `airflow` extras, Airflow's Celery and PostgreSQL
# providers, Debian's Tesseract with the Dutch model, and the DAGs. Nothing is downloaded
# when a container runs: the model, the word lists and the OCR data are in the image.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    AIRFLOW_HOME=/opt/airflow \
    AIRFLOW__CORE__DAGS_FOLDER=/opt/zeef/dags \
    AIRFLOW__CORE__LOAD_EXAMPLES=False

# Tesseract 5.3 with its Dutch model (OCR of scans and photos), DejaVu (the letters'
# PDFs), tini (PID 1: passes SIGTERM on, so a Celery worker shuts down warm), curl (the
# health checks).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-nld fonts-dejavu-core tini curl ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && tesseract --list-langs 2>/dev/null | grep -qx nld

# The dependencies first (a layer that survives changes to the code): the project's
# metadata with an empty package, resolved under deploy/constraints.txt (every package
# pinned; deploy/lock.sh regenerates it). The `celery` extra is what Celery on
# PostgreSQL and Redis adds to Airflow (pyproject.toml; docs/deployment.md, "How the
# image's versions were chosen").
COPY pyproject.toml README.md LICENSE /opt/zeef/src/
COPY deploy/constraints.txt /opt/zeef/constraints.txt
RUN mkdir -p /opt/zeef/src/zeef && touch /opt/zeef/src/zeef/__init__.py \
 && pip install --constraint /opt/zeef/constraints.txt "/opt/zeef/src[web,airflow,celery]" \
 && pip uninstall -y zeef

# The code, the DAGs and the start-up scripts.
COPY zeef /opt/zeef/src/zeef
COPY dags /opt/zeef/dags
COPY deploy/airflow-init.sh deploy/check-store.py /opt/zeef/bin/
RUN pip install --no-deps --force-reinstall /opt/zeef/src \
 && rm -rf /opt/zeef/src/build /opt/zeef/src/*.egg-info \
 && pip check \
 && chmod 0755 /opt/zeef/bin/airflow-init.sh

# A user of its own (uid 50000, as Airflow's image), owning AIRFLOW_HOME: the logs and
# the simple auth manager's password file live in volumes mounted there.
RUN groupadd --gid 50000 zeef \
 && useradd --uid 50000 --gid zeef --home-dir /opt/airflow --create-home \
      --shell /usr/sbin/nologin zeef \
 && mkdir -p /opt/airflow/logs /opt/airflow/auth /etc/zeef \
 && chown -R zeef:zeef /opt/airflow

USER zeef
WORKDIR /opt/airflow

# Proof that the image works without a network: a document classified (the categoriser,
# the word lists and the analyzer load from the image), the Celery executor's module
# imported (it fails with a Celery it does not fit), and the three DAGs parsed without
# import errors (no database needed for that).
RUN --network=none printf 'Geachte heer, hierbij mijn loonstrook van maart.\n' > /tmp/smoke.txt \
 && zeef classify /tmp/smoke.txt >/dev/null \
 && rm /tmp/smoke.txt \
 && python -c "import airflow.providers.celery.executors.celery_executor_utils, \
airflow.providers.postgres, psycopg2, redis" \
 && python -c "from airflow.dag_processing.dagbag import DagBag; \
b = DagBag(dag_folder='/opt/zeef/dags'); \
assert not b.import_errors, sorted(b.import_errors); \
assert {'zeef_intake', 'zeef_inzage', 'zeef_retention'} <= set(b.dag_ids), b.dag_ids" \
 && rm -rf /opt/airflow/logs/*

ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["zeef", "--help"]
