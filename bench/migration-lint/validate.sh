#!/usr/bin/env bash
# Checks the corpus against a real PostgreSQL: starts a throwaway cluster (through
# runuser -u postgres when root), applies each lint unit to a fresh copy of fixture.sql and
# reports any file that does not apply, or that applies although its header says it fails.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$(dirname "$(readlink -f "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")")"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

data="$(mktemp -d /tmp/greenlight-corpus-pg.XXXXXX)"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg "$bin/initdb" -D "$data/data" -A trust -U postgres --no-sync >/dev/null
as_pg "$bin/pg_ctl" -D "$data/data" -l "$data/log" -w -o "-p $port -c listen_addresses=127.0.0.1 -k $data -c fsync=off" start >/dev/null
trap 'as_pg "$bin/pg_ctl" -D "$data/data" -m immediate stop >/dev/null 2>&1; rm -rf "$data"' EXIT

python3 "$here/validate.py" --host 127.0.0.1 --port "$port"
