#!/usr/bin/env bash
# Throwaway local services for `make run`, `make test` and CI: a PostgreSQL cluster and Azurite,
# both on 127.0.0.1.
#   scripts/local-services.sh start        start both (replacing any leftover of an earlier run)
#   scripts/local-services.sh stop         stop both and delete their data
#   scripts/local-services.sh exec CMD...  start, run CMD with the connection settings exported, stop
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_PORT="${CRYPTOFN_PG_PORT:-55432}"
AZURITE_BLOB_PORT="${CRYPTOFN_AZURITE_BLOB_PORT:-10000}"
AZURITE_QUEUE_PORT="${CRYPTOFN_AZURITE_QUEUE_PORT:-10001}"
AZURITE_TABLE_PORT="${CRYPTOFN_AZURITE_TABLE_PORT:-10002}"
# PostgreSQL runs as the postgres user when we are root; its files live where that user can reach them.
STATE="${TMPDIR:-/tmp}/cryptofn-services-$PG_PORT"
PG_DATA="$STATE/pg"
AZURITE_DATA="$STATE/azurite"
# Azurite's published development account: a well-known emulator key, not a secret.
AZURITE_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$AZURITE_KEY;BlobEndpoint=http://127.0.0.1:$AZURITE_BLOB_PORT/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$AZURITE_QUEUE_PORT/devstoreaccount1;TableEndpoint=http://127.0.0.1:$AZURITE_TABLE_PORT/devstoreaccount1;"

log() { echo "[services] $*" >&2; }

pg_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
    return
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] || { log "PostgreSQL is not installed (apt-get install postgresql)"; exit 1; }
  echo "$dir"
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

wait_for() {
  local what=$1; shift
  for _ in $(seq 1 60); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  log "$what did not answer within 30 s"
  return 1
}

stop_services() {
  local bin
  bin=$(pg_bin)
  if [ -f "$PG_DATA/postmaster.pid" ]; then
    as_pg "$bin/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true
    # A cluster whose pg_ctl failed still holds its pid; make sure it is gone.
    local pid
    pid=$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
  fi
  if [ -f "$STATE/azurite.pid" ]; then
    local azurite
    azurite=$(cat "$STATE/azurite.pid")
    kill "$azurite" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$azurite" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$azurite" 2>/dev/null || true
  fi
  # Leftovers whose state folder is already gone: recognised by the arguments this script starts them with.
  pkill -9 -f "postgres -D $PG_DATA" 2>/dev/null || true
  pkill -9 -f "azurite.*--queuePort $AZURITE_QUEUE_PORT" 2>/dev/null || true
  rm -rf "$STATE"
}

start_postgres() {
  local bin
  bin=$(pg_bin)
  mkdir -p "$PG_DATA"
  chmod 755 "$STATE"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DATA"
  chmod 700 "$PG_DATA"
  as_pg "$bin/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C >"$STATE/initdb.log" 2>&1 \
    || { cat "$STATE/initdb.log" >&2; exit 1; }
  # fsync and synchronous commit are off: this cluster is thrown away when the command ends.
  as_pg "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 30 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$PG_DATA/server.log" >&2; exit 1; }
  wait_for PostgreSQL psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atc "select 1"
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "create database cryptofn" >/dev/null
  log "PostgreSQL on 127.0.0.1:$PG_PORT (database cryptofn)"
}

start_azurite() {
  if [ ! -x "$ROOT/node_modules/.bin/azurite" ]; then
    log "installing Azurite (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  mkdir -p "$AZURITE_DATA"
  # --skipApiVersionCheck: current Azure SDKs speak a newer storage API version than Azurite knows.
  nohup "$ROOT/node_modules/.bin/azurite" --silent --skipApiVersionCheck --location "$AZURITE_DATA" \
    --blobHost 127.0.0.1 --blobPort "$AZURITE_BLOB_PORT" \
    --queueHost 127.0.0.1 --queuePort "$AZURITE_QUEUE_PORT" \
    --tableHost 127.0.0.1 --tablePort "$AZURITE_TABLE_PORT" \
    >"$STATE/azurite.log" 2>&1 &
  echo $! >"$STATE/azurite.pid"
  wait_for Azurite curl -s -o /dev/null "http://127.0.0.1:$AZURITE_QUEUE_PORT/devstoreaccount1?comp=list" \
    || { cat "$STATE/azurite.log" >&2; exit 1; }
  log "Azurite on 127.0.0.1:$AZURITE_QUEUE_PORT (queues)"
}

export_settings() {
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=cryptofn"
  export AzureWebJobsStorage="$STORAGE"
  export CRYPTOFN_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
  export CRYPTOFN_TEST_STORAGE="$STORAGE"
}

start_services() {
  stop_services
  mkdir -p "$STATE"
  start_postgres
  start_azurite
}

case "${1:-}" in
  start) start_services ;;
  stop) stop_services ;;
  exec)
    shift
    [ $# -gt 0 ] || { log "usage: $0 exec CMD..."; exit 2; }
    trap stop_services EXIT
    start_services
    export_settings
    # The command runs in the background so that Ctrl-C and SIGTERM reach it and it can stop cleanly.
    "$@" &
    child=$!
    trap 'kill -TERM "$child" 2>/dev/null || true' INT TERM
    # A signal interrupts wait; wait again until the command has really finished (and been reaped),
    # so that its own exit status is the one reported.
    while true; do
      status=0
      wait "$child" || status=$?
      kill -0 "$child" 2>/dev/null || break
    done
    exit "$status"
    ;;
  *) echo "usage: $0 start|stop|exec CMD..." >&2; exit 2 ;;
esac
