#!/usr/bin/env bash
# Benchmark: the cost of a migration dry-run (issue 11).
# A database of 500 tables (200 rows each) and 100 migration files (columns, indexes, constraints,
# new tables); `greenlight migrate plan DIR --target URL` (lint, dry-run twice in one rolled-back
# transaction, schema read before and after) against running the same files for real with psql
# on a fresh copy of the database, alternated; prints the medians and their ratio.
# Starts a throwaway PostgreSQL cluster of its own (through runuser -u postgres when root).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/out"
mkdir -p "$out"
bin="$(dirname "$(readlink -f "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")")"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# GREENLIGHT=path/to/greenlight skips the publish (a Release build from its own folder works too).
greenlight="${GREENLIGHT:-}"
if [ -z "$greenlight" ]; then
  echo "==> Building greenlight (Release, ReadyToRun)"
  dotnet publish "$root/src/Greenlight.Cli/Greenlight.Cli.csproj" -c Release --use-current-runtime --self-contained false \
    -p:PublishReadyToRun=true -o "$out/greenlight" -nologo -v quiet >/dev/null
  greenlight="$out/greenlight/greenlight"
fi

data="$(mktemp -d /tmp/greenlight-bench-pg.XXXXXX)"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg "$bin/initdb" -D "$data/data" -A trust -U postgres --no-sync >/dev/null
as_pg "$bin/pg_ctl" -D "$data/data" -l "$data/log" -w -o "-p $port -c listen_addresses=127.0.0.1 -k $data -c fsync=off" start >/dev/null
trap 'as_pg "$bin/pg_ctl" -D "$data/data" -m immediate stop >/dev/null 2>&1; rm -rf "$data"' EXIT

python3 "$here/bench.py" --greenlight "$greenlight" --bin "$bin" --port "$port" --work "$out" "$@"
