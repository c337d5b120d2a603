#!/usr/bin/env bash
# Benchmark: the schema corpus (pairs/*.sql, at least 60 pairs A/B written for this) against migra
# (npm @pgkit/migra). For each pair: does the tool see the difference; its own fix-up SQL applied to
# A twice (applies? idempotent?); then both greenlight and migra judge whether A now equals B.
# Prints the totals per tool side by side. Starts a throwaway PostgreSQL cluster of its own.
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
if [ ! -e "$out/node_modules/@pgkit/migra/dist/command.js" ]; then
  echo "==> Installing @pgkit/migra from npm"
  (cd "$out" && npm install --silent --no-audit --no-fund @pgkit/migra@0.6 >/dev/null)
fi

data="$(mktemp -d /tmp/greenlight-corpus-pg.XXXXXX)"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg "$bin/initdb" -D "$data/data" -A trust -U postgres --no-sync >/dev/null
as_pg "$bin/pg_ctl" -D "$data/data" -l "$data/log" -w -o "-p $port -c listen_addresses=127.0.0.1 -k $data -c fsync=off" start >/dev/null
trap 'as_pg "$bin/pg_ctl" -D "$data/data" -m immediate stop >/dev/null 2>&1; rm -rf "$data"' EXIT

python3 "$here/bench.py" --greenlight "$out/greenlight/greenlight" --bin "$bin" --port "$port" \
  --migra "$out/node_modules/@pgkit/migra/dist/command.js" --pairs "$here/pairs" --work "$out" "$@"
