#!/bin/sh
# One-shot set-up of MinIO for zeef (docker-compose.yml, service minio-init; runs in
# MinIO's `mc` image at every `up`, and changes nothing the second time):
#
# - the store's bucket `zeef`, made with object lock (`--with-lock`, which also turns on
#   versioning; a bucket cannot get object lock later). No default retention: only what
#   zeef writes under audit/ is locked, each object by zeef itself (COMPLIANCE,
#   ZEEF_S3_AUDIT_LOCK_DAYS). Documents elsewhere in the bucket stay destroyable.
# - a lifecycle rule: old versions of the case leases under .zeef-locks/ expire after a
#   day (every renewal of a lease leaves one; docs/storage.md).
# - the inbox's bucket `zeef-inbox`: no versioning, no lock (an item leaves the inbox
#   once it is processed, and must then be gone).
# - zeef's own MinIO user (ZEEF_S3_ACCESS_KEY / ZEEF_S3_SECRET_KEY) with the policy in
#   minio-zeef-policy.json: everything inside those two buckets, but not deleting them
#   or changing their lock, versioning or policy. The root account is used here only.
#
# The image is minimal (no grep or sed): only the shell and mc are used.
set -eu

: "${MINIO_ROOT_USER:?set MINIO_ROOT_USER in .env}"
: "${MINIO_ROOT_PASSWORD:?set MINIO_ROOT_PASSWORD in .env}"
: "${ZEEF_S3_ACCESS_KEY:?set ZEEF_S3_ACCESS_KEY in .env}"
: "${ZEEF_S3_SECRET_KEY:?set ZEEF_S3_SECRET_KEY in .env}"
for value in "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" "$ZEEF_S3_ACCESS_KEY" "$ZEEF_S3_SECRET_KEY"; do
    if [ "$value" = "change-me" ]; then
        echo "minio-init: a MinIO variable is still .env.example's change-me; set it in .env" >&2
        exit 1
    fi
done

STORE_BUCKET=zeef
INBOX_BUCKET=zeef-inbox
POLICY=zeef-store
HERE=$(dirname "$0")

# The root credentials go to mc through the environment, not its command line
# (hex secrets from `openssl rand -hex`, so nothing needs URL-encoding).
export MC_HOST_minio="http://${MINIO_ROOT_USER}:${MINIO_ROOT_PASSWORD}@minio:9000"

mc ready minio

if mc stat "minio/${STORE_BUCKET}" >/dev/null 2>&1; then
    echo "minio-init: bucket ${STORE_BUCKET} exists"
else
    mc mb --with-lock "minio/${STORE_BUCKET}"
fi
# Object lock implies versioning; saying so again changes nothing and is harmless.
mc version enable "minio/${STORE_BUCKET}"
mc ilm rule import "minio/${STORE_BUCKET}" < "${HERE}/minio-lifecycle.json"

mc mb --ignore-existing "minio/${INBOX_BUCKET}"

mc admin policy create minio "${POLICY}" "${HERE}/minio-zeef-policy.json"
mc admin user add minio "${ZEEF_S3_ACCESS_KEY}" "${ZEEF_S3_SECRET_KEY}"
if ! out=$(mc admin policy attach minio "${POLICY}" --user "${ZEEF_S3_ACCESS_KEY}" 2>&1); then
    case "${out}" in
        *"already in effect"*) ;;  # attached at an earlier start
        *) echo "${out}" >&2; exit 1 ;;
    esac
fi
echo "minio-init: done (${STORE_BUCKET} with object lock, ${INBOX_BUCKET}, user and policy)"
