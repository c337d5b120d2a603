#!/usr/bin/env bash
# Benchmark: schema introspection at scale.
# 1. A database of 2,000 tables (15 columns, 2 indexes and 1 foreign key each): greenlight schema
#    snapshot against pg_dump --schema-only, alternated, five runs each; prints the median ratio.
# 2. Two such databases differing in 50 places: greenlight schema diff against migra
#    (npm @pgkit/migra), alternated; prints the ratio and whether both found the 50 differences.
# Starts a throwaway PostgreSQL cluster of its own (through runuser -u postgres when root).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/out"
mkdir -p "$out"
bin="$(dirname "$(readlink -f "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")")"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

echo "==> Building greenlight (Release, ReadyToRun)"
dotnet publish "$root/src/Greenlight.Cli/Greenlight.Cli.csproj" -c Release --use-current-runtime --self-contained false \
  -p:PublishReadyToRun=true -o "$out/greenlight" -nologo -v quiet >/dev/null
if [ ! -x "$out/node_modules/.bin/migra" ] && [ ! -e "$out/node_modules/@pgkit/migra/dist/command.js" ]; then
  echo "==> Installing @pgkit/migra from npm"
  (cd "$out" && npm install --silent --no-audit --no-fund @pgkit/migra@0.6 >/dev/null)
fi

data="$(mktemp -d /tmp/greenlight-bench-pg.XXXXXX)"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg "$bin/initdb" -D "$data/data" -A trust -U postgres --no-sync >/dev/null
as_pg "$bin/pg_ctl" -D "$data/data" -l "$data/log" -w -o "-p $port -c listen_addresses=127.0.0.1 -k $data -c fsync=off" start >/dev/null
trap 'as_pg "$bin/pg_ctl" -D "$data/data" -m immediate stop >/dev/null 2>&1; rm -rf "$data"' EXIT

python3 "$here/bench.py" --greenlight "$out/greenlight/greenlight" --bin "$bin" --port "$port" \
  --migra "$out/node_modules/@pgkit/migra/dist/command.js" --work "$out" "$@"
