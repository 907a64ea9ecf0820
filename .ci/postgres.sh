#!/usr/bin/env bash
# Install, start and prepare a PostgreSQL server on 127.0.0.1 for the persistence tests.
# Prints the line to eval:   eval "$(.ci/postgres.sh)"   (or copy the export it prints).
# Idempotent: re-running it on a machine where the server already runs is harmless.
set -euo pipefail
PG_USER="${PG_USER:-mps_pain_test}"
PG_PASS="${PG_PASS:-mps_pain_test}"
PG_DB="${PG_DB:-mps_pain_test}"
PG_PORT="${PG_PORT:-5432}"
# the restricted application role of the two-role set-up (docs/records.md; mps-pain db grant)
PG_APP_USER="${PG_APP_USER:-mps_pain_test_app}"
PG_APP_PASS="${PG_APP_PASS:-mps_pain_test_app}"

log() { echo "postgres.sh: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    log "installing the Debian postgresql package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y --no-install-recommends postgresql >&2
fi

VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n1)"
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^${VERSION} main$"; then
    log "creating cluster ${VERSION}/main"
    pg_createcluster "${VERSION}" main -p "${PG_PORT}" >&2
fi
CONF="/etc/postgresql/${VERSION}/main/postgresql.conf"
# loopback only: no other interface ever listens
if ! grep -q "^listen_addresses = '127.0.0.1'" "${CONF}"; then
    echo "listen_addresses = '127.0.0.1'" >> "${CONF}"
fi
if ! pg_lsclusters -h | grep "^${VERSION} *main" | grep -q online; then
    log "starting cluster ${VERSION}/main"
    pg_ctlcluster "${VERSION}" main start >&2
fi
PORT="$(pg_lsclusters -h | awk -v v="${VERSION}" '$1==v && $2=="main" {print $3}')"

for _ in $(seq 1 30); do
    if su postgres -c "psql -p ${PORT} -qAtc 'select 1'" >/dev/null 2>&1; then break; fi
    sleep 1
done

su postgres -c "psql -p ${PORT} -v ON_ERROR_STOP=1 -qAt" >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${PG_USER}') THEN
    CREATE ROLE ${PG_USER} LOGIN PASSWORD '${PG_PASS}';
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${PG_APP_USER}') THEN
    CREATE ROLE ${PG_APP_USER} LOGIN PASSWORD '${PG_APP_PASS}';
  END IF;
END \$\$;
SQL
if ! su postgres -c "psql -p ${PORT} -qAtc \"select 1 from pg_database where datname='${PG_DB}'\"" | grep -q 1; then
    su postgres -c "createdb -p ${PORT} -O ${PG_USER} ${PG_DB}" >&2
fi
echo "export MPS_PAIN_TEST_POSTGRES_URL=postgresql+psycopg://${PG_USER}:${PG_PASS}@127.0.0.1:${PORT}/${PG_DB}"
echo "export MPS_PAIN_TEST_POSTGRES_APP_URL=postgresql+psycopg://${PG_APP_USER}:${PG_APP_PASS}@127.0.0.1:${PORT}/${PG_DB}"
