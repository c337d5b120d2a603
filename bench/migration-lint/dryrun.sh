#!/usr/bin/env bash
# Benchmark: what the dry-run costs. Starts a throwaway PostgreSQL (through runuser -u postgres
# when root), builds a database of 500 tables and 100 pending migration files, then, alternated,
# applies them for real with psql (on a fresh copy each time) and runs `greenlight migrate plan
# --target` (dry-run and lint, rolled back) and `greenlight migrate lint`; prints the ratio.
#   GREENLIGHT=path/to/greenlight ./bench/migration-lint/dryrun.sh [--tables N] [--files N] [--runs N]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/out"
mkdir -p "$out"
bin="$(dirname "$(readlink -f "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")")"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

greenlight="${GREENLIGHT:-$root/src/Greenlight.Cli/bin/Release/net10.0/greenlight}"
gl_args=()
if [ -x "$greenlight" ] && "$greenlight" migrate plan --help >/dev/null 2>&1; then
  gl_args=(--greenlight "$(readlink -f "$greenlight")")
else
  echo "==> no greenlight with 'migrate plan' at $greenlight (set GREENLIGHT): timing the real run only" >&2
fi

data="$(mktemp -d /tmp/greenlight-dryrun-pg.XXXXXX)"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg "$bin/initdb" -D "$data/data" -A trust -U postgres --no-sync >/dev/null
as_pg "$bin/pg_ctl" -D "$data/data" -l "$data/log" -w -o "-p $port -c listen_addresses=127.0.0.1 -k $data -c fsync=off" start >/dev/null
trap 'as_pg "$bin/pg_ctl" -D "$data/data" -m immediate stop >/dev/null 2>&1; rm -rf "$data"' EXIT

python3 "$here/dryrun.py" --host 127.0.0.1 --port "$port" --work "$out" "${gl_args[@]}" "$@"
