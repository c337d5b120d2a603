#!/usr/bin/env bash
# Benchmark: a long watch. 200 checks (half `metric` against a real Prometheus, half `sql` against a
# real PostgreSQL) measured every second for 5 minutes (--for 60s for a short run). Prints the CPU
# time greenlight used per measurement, its resident memory at the start and at the end, and the p99
# lag between the planned and the actual start of the measurements.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/out"
mkdir -p "$out"
echo "==> Building greenlight (Release, ReadyToRun)"
dotnet publish "$root/src/Greenlight.Cli/Greenlight.Cli.csproj" -c Release --use-current-runtime --self-contained false \
  -p:PublishReadyToRun=true -o "$out/greenlight" -nologo -v quiet >/dev/null
python3 "$here/bench.py" --greenlight "$out/greenlight/greenlight" --work "$out" "$@"
