#!/usr/bin/env bash
# The whole suite against a throwaway PostgreSQL and Redis on loopback, then ruff,
# lint-imports, the import cycle count, makemigrations --check and the Dutch catalogue.
# Stops what it started, also on failure.
# Extra arguments go to pytest (make test ARGS="-k overview").
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY="$ROOT/.venv/bin/python"

source "$ROOT/scripts/system-packages.sh"
system_packages all

PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGPORT=${TP_TEST_PGPORT:-54329}
REDISPORT=${TP_TEST_REDISPORT:-6399}
RUN=$(mktemp -d /tmp/toekomstplan-test.XXXXXX)
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
for _ in $(seq 50); do redis-cli -p "$REDISPORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
export REDIS_URL="redis://127.0.0.1:$REDISPORT/0"
export EMAIL_URL="consolemail://"
export TP_REQUIRE_POSTGRES=1
export PYTHONDONTWRITEBYTECODE=1

echo "== ruff"
"$ROOT/.venv/bin/ruff" check .
"$ROOT/.venv/bin/ruff" format --check .
echo "== lint-imports (the floors of DESIGN.md; no import cycles)"
"$ROOT/.venv/bin/lint-imports" --no-cache
"$PY" scripts/import_cycles.py
echo "== makemigrations --check"
"$PY" manage.py makemigrations --check --dry-run
echo "== Dutch catalogue"
PO=locale/nl/LC_MESSAGES/django.po
msgfmt --check-format -o "$RUN/django.mo" "$PO"
cmp -s "$RUN/django.mo" locale/nl/LC_MESSAGES/django.mo || {
  echo "locale/nl/LC_MESSAGES/django.mo is out of date: run 'make messages'." >&2; exit 1; }
# Extract the strings from the code into a copy of the catalogue: every one needs Dutch.
cp "$PO" "$RUN/django.po.orig"
"$PY" manage.py makemessages -l nl --ignore=.venv --ignore=.uv --ignore=node_modules \
  --ignore=static --ignore=tests --no-obsolete -v 0
cp "$PO" "$RUN/django.po.fresh"
cp "$RUN/django.po.orig" "$PO"
problems=$(msgattrib --untranslated --no-obsolete "$RUN/django.po.fresh"; \
           msgattrib --only-fuzzy --no-obsolete "$RUN/django.po.fresh")
if [ -n "$problems" ]; then
  echo "Untranslated or fuzzy Dutch entries (run 'make messages' and translate them):" >&2
  echo "$problems" | grep -E '^(msgid|#:)' >&2
  exit 1
fi
echo "== pytest"
"$PY" -m pytest "$@"
