#!/usr/bin/env bash
# Every check and test: ruff, mypy, pytest on SQLite, then pytest again on a throwaway
# PostgreSQL cluster when PostgreSQL server binaries are present (it is started and removed here).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
RUN=("$UV" run --frozen)

# Browser journeys drive Debian's chromium (Playwright's own browser download is not used), and
# WeasyPrint draws the PDF packs with Debian's Pango.
missing=()
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium fonts-liberation)
{ ldconfig -p || /sbin/ldconfig -p; } 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing from Debian: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  else
    echo "missing Debian packages: ${missing[*]} (apt-get install them)" >&2
    exit 1
  fi
fi

echo "== ruff"
"${RUN[@]}" ruff check .
"${RUN[@]}" ruff format --check .
echo "== mypy"
"${RUN[@]}" mypy
echo "== pytest (SQLite)"
"${RUN[@]}" pytest "$@"

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "== pytest (PostgreSQL): skipped, no PostgreSQL server binaries on this machine"
  exit 0
fi
echo "== pytest (PostgreSQL, throwaway cluster)"
PGTMP=$(mktemp -d /tmp/bridewell-pg.XXXXXX)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres:postgres "$PGTMP"
cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}
trap cleanup EXIT
as_pg "$PGBIN/initdb" -D "$PGTMP/data" -U postgres -A trust -E UTF8 --no-locale --no-sync >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/log" -w \
  -o "-k $PGTMP -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
DATABASE_URL="postgres://postgres@${PGTMP//\//%2F}:5432/bridewell" "${RUN[@]}" pytest -m django_db "$@"
