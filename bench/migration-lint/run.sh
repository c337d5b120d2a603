#!/usr/bin/env bash
# Benchmark: greenlight's migration linter (no database) against squawk (npm squawk-cli) over
# the corpus in ./corpus. Prints per file what each tool found, the totals, and whole-process
# timing (median, alternated) with the ratio.
#   GREENLIGHT=path/to/greenlight ./bench/migration-lint/run.sh [--reps N] [--with-db]
# Without GREENLIGHT, the default Release build is used; if it is missing or has no
# `migrate lint`, only the squawk half runs. --with-db also runs `greenlight migrate plan
# --target` per lint unit against a fresh copy of fixture.sql on a throwaway PostgreSQL.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [ ! -x "$here/node_modules/.bin/squawk" ]; then
  echo "==> Installing squawk-cli (version pinned in package.json) into $here/node_modules" >&2
  # npm install, not npm ci: npm ci rejects a lock file that lists only this platform's
  # optional binary package (@squawk-cli/linux-x64); the version is pinned exactly anyway.
  (cd "$here" && npm install --silent --no-audit --no-fund >/dev/null)
fi
squawk="$here/node_modules/.bin/squawk"
native="$(ls "$here"/node_modules/@squawk-cli/*/bin/squawk 2>/dev/null | head -1 || true)"

greenlight="${GREENLIGHT:-$root/src/Greenlight.Cli/bin/Release/net10.0/greenlight}"
gl_args=()
if [ ! -x "$greenlight" ]; then
  echo "==> greenlight not found at $greenlight (build: dotnet build src/Greenlight.Cli -c Release, or set GREENLIGHT)" >&2
elif ! "$greenlight" migrate lint --help >/dev/null 2>&1; then
  echo "==> $greenlight has no 'migrate lint' yet" >&2
else
  gl_args=(--greenlight "$(readlink -f "$greenlight")")
fi

with_db=0
args=()
for a in "$@"; do
  if [ "$a" = --with-db ]; then with_db=1; else args+=("$a"); fi
done
pg_args=()
if [ "$with_db" = 1 ] && [ ${#gl_args[@]} -gt 0 ]; then
  bin="$(dirname "$(readlink -f "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")")"
  as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  data="$(mktemp -d /tmp/greenlight-lint-pg.XXXXXX)"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  as_pg "$bin/initdb" -D "$data/data" -A trust -U postgres --no-sync >/dev/null
  as_pg "$bin/pg_ctl" -D "$data/data" -l "$data/log" -w -o "-p $port -c listen_addresses=127.0.0.1 -k $data -c fsync=off" start >/dev/null
  trap 'as_pg "$bin/pg_ctl" -D "$data/data" -m immediate stop >/dev/null 2>&1; rm -rf "$data"' EXIT
  pg_args=(--pg-port "$port")
fi

# The real interpreter, not a pyenv shim (the JSON work is stdlib only; timing is measured
# inside it around each tool's process).
py="$(python3 -c 'import sys; print(sys.executable)')"
"$py" "$here/bench.py" --corpus "$here/corpus" --squawk "$squawk" ${native:+--squawk-native "$native"} \
  --out "$here/out" "${gl_args[@]}" "${pg_args[@]}" "${args[@]}"
