#!/usr/bin/env bash
# Benchmark: what loading a spec costs, whole process. A realistic 200 KB spec and the inputs the
# load limits exist for (deep nesting, alias fan-out, nested ${…:-…}, variables that repeat each
# other), each validated by the published greenlight; prints wall time and peak memory per case,
# and start-up with TieredCompilation QuickJitForLoops on (the project's setting) and off.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/out"
mkdir -p "$out"
echo "==> Building greenlight (Release, ReadyToRun)"
dotnet publish "$root/src/Greenlight.Cli/Greenlight.Cli.csproj" -c Release --use-current-runtime --self-contained false \
  -p:PublishReadyToRun=true -o "$out/greenlight" -nologo -v quiet >/dev/null
python3 "$here/bench.py" --greenlight "$out/greenlight/greenlight" --work "$out" "$@"
