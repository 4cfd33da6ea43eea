#!/bin/sh
# Registers the namespace Handover uses and the custom search attributes its handover workflow sets.
# Runs in the temporalio/admin-tools image once the server is up, like temporalio/samples-server
# compose/scripts/create-namespace.sh, plus the search attributes. Idempotent: an existing namespace is kept
# (its retention is not changed), an existing search attribute is skipped.
set -eu

NAMESPACE="${DEFAULT_NAMESPACE:-default}"
RETENTION="${NAMESPACE_RETENTION:-7d}"
TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
MAX_ATTEMPTS="${TEMPORAL_HEALTH_CHECK_MAX_ATTEMPTS:-30}"
SLEEP_SECONDS="${TEMPORAL_HEALTH_CHECK_SLEEP_SECONDS:-5}"
export TEMPORAL_ADDRESS

# Name=Type pairs; the workflow code defines the same keys (defineSearchAttributeKey).
SEARCH_ATTRIBUTES="
HandoverStatus=Keyword
HandoverAssignee=Keyword
ConversationId=Keyword
WorkspaceId=Keyword
HandoverTrigger=Keyword
EscalationLevel=Int
"

# retry DESCRIPTION COMMAND...: runs COMMAND until it succeeds, at most MAX_ATTEMPTS times.
retry() {
  what="$1"
  shift
  attempt=1
  until "$@"; do
    if [ "$attempt" -ge "$MAX_ATTEMPTS" ]; then
      echo "Giving up: ${what} after ${MAX_ATTEMPTS} attempts" >&2
      exit 1
    fi
    echo "${what}: not yet, retrying in ${SLEEP_SECONDS}s (attempt ${attempt}/${MAX_ATTEMPTS})"
    attempt=$((attempt + 1))
    sleep "$SLEEP_SECONDS"
  done
}

server_port_open() {
  nc -z -w 10 "${TEMPORAL_ADDRESS%:*}" "${TEMPORAL_ADDRESS##*:}"
}

server_healthy() {
  temporal operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1
}

ensure_namespace() {
  if temporal operator namespace describe --namespace "$NAMESPACE" --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; then
    echo "Namespace '${NAMESPACE}' already exists"
    return 0
  fi
  if output=$(temporal operator namespace create --namespace "$NAMESPACE" --retention "$RETENTION" \
    --address "$TEMPORAL_ADDRESS" 2>&1); then
    echo "Namespace '${NAMESPACE}' created (retention ${RETENTION})"
    return 0
  fi
  case "$output" in
    *"already exists"* | *"already registered"*)
      echo "Namespace '${NAMESPACE}' already exists"
      return 0
      ;;
  esac
  echo "$output" >&2
  return 1
}

ensure_search_attribute() {
  name="$1"
  type="$2"
  if output=$(temporal operator search-attribute create --namespace "$NAMESPACE" --name "$name" --type "$type" \
    --address "$TEMPORAL_ADDRESS" 2>&1); then
    echo "Search attribute ${name} (${type}) registered"
    return 0
  fi
  case "$output" in
    *"already exists"* | *"already in use"*)
      echo "Search attribute ${name} already exists"
      return 0
      ;;
  esac
  echo "$output" >&2
  return 1
}

# `search-attribute list` shows a new attribute a few seconds before the frontend accepts it in a workflow start
# or a query ("no mapping defined for search attribute"). Wait until a visibility query naming every attribute
# succeeds, so an api or worker that starts after this job never finds one missing.
search_attributes_queryable() {
  query=""
  for pair in $SEARCH_ATTRIBUTES; do
    case "${pair#*=}" in
      Int) condition="${pair%%=*} = 0" ;;
      *) condition="${pair%%=*} = 'setup-probe'" ;;
    esac
    query="${query:+${query} AND }${condition}"
  done
  temporal workflow list --namespace "$NAMESPACE" --address "$TEMPORAL_ADDRESS" --limit 1 --query "$query" >/dev/null
}

echo "Waiting for the Temporal server at ${TEMPORAL_ADDRESS}..."
retry "Temporal server port" server_port_open
retry "Temporal server health" server_healthy
echo 'Temporal server is healthy'

retry "Namespace '${NAMESPACE}'" ensure_namespace

for pair in $SEARCH_ATTRIBUTES; do
  retry "Search attribute ${pair}" ensure_search_attribute "${pair%%=*}" "${pair#*=}"
done
retry "Search attributes usable on '${NAMESPACE}'" search_attributes_queryable

echo "Namespace '${NAMESPACE}' is ready with its search attributes"
