#!/bin/sh
# Creates and migrates Temporal's two PostgreSQL databases (persistence and visibility).
# Runs in the temporalio/admin-tools image, the way temporalio/samples-server compose/scripts/setup-postgres.sh
# does it. Every step is idempotent: `create` ignores an existing database, `setup-schema -v 0.0` skips a database
# whose schema is already past 0.0, and `update-schema` applies only the versions the database does not have yet.
# So this runs on every `docker compose up` and is also how a newer admin-tools image upgrades the schema before
# the matching server starts.
set -eu

: "${POSTGRES_SEEDS:?ERROR: POSTGRES_SEEDS environment variable is required}"
: "${POSTGRES_USER:?ERROR: POSTGRES_USER environment variable is required}"
: "${SQL_PASSWORD:?ERROR: SQL_PASSWORD environment variable is required}"
DB_PORT="${DB_PORT:-5432}"
DBNAME="${DBNAME:-temporal}"
VISIBILITY_DBNAME="${VISIBILITY_DBNAME:-temporal_visibility}"
SCHEMA_DIR=/etc/temporal/schema/postgresql/v12

echo 'Starting PostgreSQL schema setup...'
echo 'Waiting for PostgreSQL port to be available...'
nc -z -w 10 "${POSTGRES_SEEDS}" "${DB_PORT}"
echo 'PostgreSQL port is available'

sql_tool() {
  # The password comes from SQL_PASSWORD in the environment (temporal-sql-tool reads it), never from argv.
  temporal-sql-tool --plugin postgres12 --ep "${POSTGRES_SEEDS}" -u "${POSTGRES_USER}" -p "${DB_PORT}" "$@"
}

# Create and set up the temporal database
sql_tool --db "${DBNAME}" create
sql_tool --db "${DBNAME}" setup-schema -v 0.0
sql_tool --db "${DBNAME}" update-schema -d "${SCHEMA_DIR}/temporal/versioned"

# Create and set up the visibility database
sql_tool --db "${VISIBILITY_DBNAME}" create
sql_tool --db "${VISIBILITY_DBNAME}" setup-schema -v 0.0
sql_tool --db "${VISIBILITY_DBNAME}" update-schema -d "${SCHEMA_DIR}/visibility/versioned"

echo 'PostgreSQL schema setup complete'
