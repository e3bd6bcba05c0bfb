#!/bin/sh
# One-shot set-up of Airflow for zeef (docker-compose.yml, service airflow-init; runs at
# every `up` before any other Airflow service, and changes nothing the second time):
#
# 1. the store is what zeef needs (check-store.py: the bucket with object lock, no
#    default retention), else nothing of Airflow starts;
# 2. `airflow db migrate` (the metadata database in PostgreSQL);
# 3. the simple auth manager's password file: `admin` (AIRFLOW_ADMIN_PASSWORD) and the
#    web app's account `zeef-web` (AIRFLOW_WEB_PASSWORD) from .env. Any other user in
#    AIRFLOW_USERS gets a password made by the api-server at its start, printed once in
#    its log. Entries already in the file are kept; these two follow .env;
# 4. the pool `zeef_ocr` (documents read at once, over all runs; docs/airflow.md).
set -eu

: "${AIRFLOW_ADMIN_PASSWORD:?set AIRFLOW_ADMIN_PASSWORD in .env}"
: "${AIRFLOW_WEB_PASSWORD:?set AIRFLOW_WEB_PASSWORD in .env}"
: "${AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE:?}"

python /opt/zeef/bin/check-store.py

airflow db migrate

python - <<'EOF'
import json
import os

path = os.environ["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"]
try:
    with open(path, encoding="utf-8") as f:
        passwords = json.loads(f.read().strip() or "{}")
except FileNotFoundError:
    passwords = {}
passwords["admin"] = os.environ["AIRFLOW_ADMIN_PASSWORD"]
passwords["zeef-web"] = os.environ["AIRFLOW_WEB_PASSWORD"]
fd = os.open(path + ".new", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(fd, "w", encoding="utf-8") as f:
    f.write(json.dumps(passwords) + "\n")
os.replace(path + ".new", path)
print(f"airflow-init: passwords for admin and zeef-web set ({len(passwords)} users in the file)")
EOF

airflow pools set zeef_ocr "${ZEEF_OCR_POOL_SLOTS:-2}" "zeef: documents read and classified at once"
echo "airflow-init: done"
