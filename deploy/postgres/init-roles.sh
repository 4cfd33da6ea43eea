#!/bin/sh
# Creates (or brings up to date) the two login roles and Handover's database on the shared PostgreSQL:
#   temporal  - owns the `temporal` and `temporal_visibility` databases (created by the admin-tools setup,
#               hence CREATEDB); it has no access to Handover's data.
#   handover  - owns the `handover` database; the api, worker and migrate containers connect as this role.
# Runs on every `docker compose up` (postgres image, psql as the superuser over the network), so a password
# changed in .env is applied here. Idempotent. Passwords travel as psql variables, never on a command line.
set -eu

: "${PGHOST:?PGHOST is required}"
: "${PGUSER:?PGUSER is required}"
: "${PGPASSWORD:?PGPASSWORD is required (POSTGRES_PASSWORD in .env)}"
: "${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD is required in .env}"
: "${HANDOVER_DB_PASSWORD:?HANDOVER_DB_PASSWORD is required in .env}"
export PGDATABASE="${PGDATABASE:-postgres}"

psql --no-psqlrc --quiet --set ON_ERROR_STOP=1 \
  --set temporal_password="$TEMPORAL_DB_PASSWORD" \
  --set handover_password="$HANDOVER_DB_PASSWORD" <<'SQL'
SELECT 'CREATE ROLE temporal LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'temporal') \gexec
ALTER ROLE temporal WITH LOGIN CREATEDB NOSUPERUSER NOCREATEROLE PASSWORD :'temporal_password';

SELECT 'CREATE ROLE handover LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'handover') \gexec
ALTER ROLE handover WITH LOGIN NOCREATEDB NOSUPERUSER NOCREATEROLE PASSWORD :'handover_password';

SELECT 'CREATE DATABASE handover OWNER handover ENCODING ''UTF8'' TEMPLATE template0'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'handover') \gexec
ALTER DATABASE handover OWNER TO handover;
-- Only its owner (and the superuser) may connect to Handover's database.
REVOKE ALL ON DATABASE handover FROM PUBLIC;
SQL

echo 'PostgreSQL roles and the handover database are ready'
