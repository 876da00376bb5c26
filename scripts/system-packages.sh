#!/usr/bin/env bash
# The system packages the scripts need, installed with apt-get when missing (as root), or a
# clear message of what to install. Sourced by test.sh, bench.sh and bench-tasks.sh:
#   system_packages services   PostgreSQL and Redis
#   system_packages all        those, and Chromium, gettext, fonts and Pango for the suite
system_packages() {
  local need=()
  ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || need+=(postgresql)
  command -v redis-server >/dev/null || need+=(redis-server)
  if [ "${1:-all}" = all ]; then
    command -v chromium >/dev/null || need+=(chromium)
    command -v msgfmt >/dev/null || need+=(gettext)
    fc-list 2>/dev/null | grep -qi "liberation sans" || need+=(fonts-liberation2)
    # WeasyPrint (PDF exports) needs Pango; DejaVu has the check marks of the B1 version.
    ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so" || need+=(libpango-1.0-0 libpangoft2-1.0-0)
    fc-list 2>/dev/null | grep -qi "dejavu sans" || need+=(fonts-dejavu-core)
  fi
  [ ${#need[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ]; then
    echo "Installing ${need[*]} ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "Missing ${need[*]}: install them, or run as root so this script can." >&2
    exit 1
  fi
}
