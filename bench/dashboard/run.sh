#!/usr/bin/env bash
# Benchmark: greenlight serve on a store of 10,000 runs × 100 checks (1,000,000 results). Fills the
# store (one real run, then SQL copies of it in one transaction), serves it on loopback and loads the
# home page, a spec page, a run page and the history API with wrk (20 connections, 30 s each); then
# the HTML report's size and render time for one run of 2,000 checks. See README.md beside bench/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/out"
mkdir -p "$out"
if ! command -v wrk >/dev/null; then
  echo "error: wrk is not installed: apt-get install -y wrk" >&2
  exit 2
fi
if [[ -z "${GREENLIGHT:-}" ]]; then
  echo "==> Building greenlight (Release, ReadyToRun)"
  dotnet publish "$root/src/Greenlight.Cli/Greenlight.Cli.csproj" -c Release --use-current-runtime --self-contained false \
    -p:PublishReadyToRun=true -o "$out/greenlight" -nologo -v quiet >/dev/null
  GREENLIGHT="$out/greenlight/greenlight"
fi
python3 "$here/bench.py" --greenlight "$GREENLIGHT" --work "$out" --lua "$here/stats.lua" "$@"
