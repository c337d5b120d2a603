#!/usr/bin/env bash
# Benchmark: what recording a run costs. 2,000 env checks that pass at once, run with the store
# (SQLite, the default) and with --no-store, alternated; prints the added wall time per check and
# the store's size per result.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/out"
mkdir -p "$out"
echo "==> Building greenlight (Release, ReadyToRun)"
dotnet publish "$root/src/Greenlight.Cli/Greenlight.Cli.csproj" -c Release --use-current-runtime --self-contained false \
  -p:PublishReadyToRun=true -o "$out/greenlight" -nologo -v quiet >/dev/null
python3 "$here/bench.py" --greenlight "$out/greenlight/greenlight" --work "$out" "$@"
