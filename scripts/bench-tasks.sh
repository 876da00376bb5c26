#!/usr/bin/env bash
# Benchmark of the background work (not a test): render the PDF of a plan with 60 goals and 300
# actions, and sweep a gemeente of N jongeren (default 100 000) for due reminders.
# Starts its own throwaway PostgreSQL (54369) and Redis (6439) and stops them afterwards.
#   make bench-tasks            N=100000 by default
#   N=20000 make bench-tasks
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY="$ROOT/.venv/bin/python"
source "$ROOT/scripts/system-packages.sh"
system_packages services
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGPORT=${TP_BENCH_PGPORT:-54369}
REDISPORT=${TP_BENCH_REDISPORT:-6439}
RUN=$(mktemp -d /tmp/toekomstplan-bench.XXXXXX)
chmod 755 "$RUN"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres:postgres "$RUN"

cleanup() {
  status=$?
  as_pg "$PGBIN/pg_ctl" -D "$RUN/pg" stop -m fast >/dev/null 2>&1 || true
  [ -f "$RUN/redis.pid" ] && kill "$(cat "$RUN/redis.pid")" 2>/dev/null || true
  rm -rf "$RUN"
  exit $status
}
trap cleanup EXIT INT TERM

as_pg "$PGBIN/initdb" -D "$RUN/pg" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$RUN/pg" -l "$RUN/pg.log" -w -t 30 \
  -o "-p $PGPORT -k $RUN -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
redis-server --port "$REDISPORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --pidfile "$RUN/redis.pid" --dir "$RUN" >/dev/null

export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
export REDIS_URL="redis://127.0.0.1:$REDISPORT/0"
export EMAIL_URL="dummymail://"
export PRIVATE_MEDIA_ROOT="$RUN/private"
export TOEKOMSTPLAN_DEMO=false
export LOG_LEVEL=WARNING

"$PY" manage.py migrate --no-input -v 0
N=${N:-100000}
if "$PY" manage.py help seed_scale >/dev/null 2>&1; then
  echo "== seed_scale --jongeren $N"
  start=$(date +%s)
  "$PY" manage.py seed_scale --jongeren "$N"
  echo "seeded in $(( $(date +%s) - start )) s"
  export BENCH_SEEDED=1
else
  echo "== manage.py seed_scale is not here yet: the bench builds a smaller gemeente itself"
  export BENCH_SEEDED=0
fi
"$PY" scripts/bench_tasks.py
