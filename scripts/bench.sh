#!/usr/bin/env bash
# make bench: PostgreSQL, Redis and the app under gunicorn with production settings, the scale
# gemeente built once and reused (in .bench/), then locust drives it from a separate process.
# The figures go to docs/benchmarks.md. Stops what it started, also on failure.
#   BENCH_JONGEREN (100000)  BENCH_SECONDS (180)  BENCH_USERS (12)  BENCH_WORKERS (4)  BENCH_REBUILD=1
#   TP_BENCH_PGPORT (54359)  TP_BENCH_REDISPORT (6429)  TP_BENCH_WEBPORT (8100)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY="$ROOT/.venv/bin/python"
source "$ROOT/scripts/system-packages.sh"
system_packages services
JONGEREN=${BENCH_JONGEREN:-100000}
SECONDS_RUN=${BENCH_SECONDS:-180}
WORKERS=${BENCH_WORKERS:-4}
PGPORT=${TP_BENCH_PGPORT:-54359}
REDISPORT=${TP_BENCH_REDISPORT:-6429}
WEBPORT=${TP_BENCH_WEBPORT:-8100}
DIR="$ROOT/.bench"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

mkdir -p "$DIR/run"
chmod 755 "$DIR" "$DIR/run"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR/run"
GUNICORN_PID=""
cleanup() {
  status=$?
  [ -n "$GUNICORN_PID" ] && kill "$GUNICORN_PID" 2>/dev/null && wait "$GUNICORN_PID" 2>/dev/null
  as_pg "$PGBIN/pg_ctl" -D "$DIR/pg" stop -m fast >/dev/null 2>&1 || true
  [ -f "$DIR/run/redis.pid" ] && kill "$(cat "$DIR/run/redis.pid")" 2>/dev/null || true
  exit $status
}
trap cleanup EXIT INT TERM

if [ ! -d "$DIR/pg" ]; then
  mkdir -p "$DIR/pg" && [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR/pg"
  as_pg "$PGBIN/initdb" -D "$DIR/pg" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
# A production-like server: durable commits stay on (fsync, synchronous_commit).
as_pg "$PGBIN/pg_ctl" -D "$DIR/pg" -l "$DIR/run/pg.log" -w -t 60 \
  -o "-p $PGPORT -k $DIR/run -c listen_addresses=127.0.0.1 -c shared_buffers=512MB \
      -c effective_cache_size=4GB -c work_mem=16MB -c max_wal_size=4GB" start >/dev/null
redis-server --port "$REDISPORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --pidfile "$DIR/run/redis.pid" --dir "$DIR/run" >/dev/null

export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
export REDIS_URL="redis://127.0.0.1:$REDISPORT/0"
export DEBUG=false
export SECRET_KEY="bench-only-secret-key-not-for-production-0123456789abcdef"
export ALLOWED_HOSTS=127.0.0.1
export TOEKOMSTPLAN_DEMO=false
export TP_BENCH_FLOOR=true
export STATIC_ROOT="$DIR/static"
export EMAIL_URL="consolemail://"
export LOG_LEVEL=WARNING

echo "== migrate and collect static files"
"$PY" manage.py migrate --no-input -v 0
"$PY" manage.py collectstatic --no-input -v 0
echo "== scale data ($JONGEREN jongeren)"
rebuild=(); [ "${BENCH_REBUILD:-}" = 1 ] && rebuild=(--rebuild)
"$PY" manage.py seed_scale --jongeren "$JONGEREN" "${rebuild[@]}" --bench-file "$DIR/targets.json" \
  | tee "$DIR/seed.log"

echo "== gunicorn ($WORKERS workers) on 127.0.0.1:$WEBPORT"
# The access log holds, per request, the time the app took (microseconds) and the name locust
# gave the request: the report sets the app's own time beside what locust measured.
rm -f "$DIR/run/access.log"
"$ROOT/.venv/bin/gunicorn" toekomstplan.wsgi:application --bind "127.0.0.1:$WEBPORT" \
  --workers "$WORKERS" --access-logfile "$DIR/run/access.log" \
  --access-logformat '%(D)s %({x-bench-request}i)s' --error-logfile "$DIR/run/gunicorn.log" \
  --forwarded-allow-ips 127.0.0.1 &
GUNICORN_PID=$!
for _ in $(seq 100); do
  curl -sf -o /dev/null "http://127.0.0.1:$WEBPORT/bench/floor/" -H "X-Forwarded-Proto: https" \
    && break
  sleep 0.2
done

echo "== locust for ${SECONDS_RUN}s"
rm -f "$DIR"/locust_*.csv
BENCH_TARGETS="$DIR/targets.json" "$ROOT/.venv/bin/locust" -f bench/locustfile.py --headless \
  --host "http://127.0.0.1:$WEBPORT" --users "${BENCH_USERS:-12}" --spawn-rate 4 \
  --run-time "$((SECONDS_RUN + 60))s" --csv "$DIR/locust" --only-summary --loglevel WARNING \
  --exit-code-on-error 0
"$PY" bench/report.py --csv "$DIR/locust_stats.csv" --targets "$DIR/targets.json" \
  --access-log "$DIR/run/access.log" \
  --jongeren "$JONGEREN" --workers "$WORKERS" --seconds "$SECONDS_RUN" --seed-log "$DIR/seed.log" \
  --out docs/benchmarks.md
echo "Figures written to docs/benchmarks.md"
