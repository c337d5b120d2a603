#!/usr/bin/env bash
# Benchmark: 400 http checks (3 assertions each) against a local server that answers after 100 ms.
# 1. greenlight --parallel 32: wall time against the ideal (13 rounds x 100 ms), efficiency.
# 2. The same 400 requests and assertions as a Postman collection run by newman, A/B alternated
#    with greenlight: greenlight's wall time / newman's.
# 3. Median wall time of 10 runs of `greenlight --version` and of a one-check env run, and the 400-check
#    efficiency, for the framework-dependent, ReadyToRun, single-file and Native AOT builds side by side
#    (size too); a bare Python client on the same server, between the rounds, is the floor.
#
#   bench/parallel-http/run.sh [--no-aot] [bench.py options: --checks N --rounds N --startup-runs N --parallel N]
#
#   --no-aot  leave out the Native AOT build (what build/publish.sh ships), whose link takes minutes
#             (docs/install.md). --aot is accepted and changes nothing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/out"
mkdir -p "$out"
aot=1
if [ "${1:-}" = "--no-aot" ]; then aot=0; shift; elif [ "${1:-}" = "--aot" ]; then shift; fi

echo "==> Building greenlight and the bench server (Release)"
# ReadyToRun: precompiled code, so start-up is not spent in the JIT (as users get from publish).
dotnet publish "$root/src/Greenlight.Cli/Greenlight.Cli.csproj" -c Release --use-current-runtime --self-contained false \
  -p:PublishReadyToRun=true -o "$out/greenlight" -nologo -v quiet >/dev/null
# The same greenlight framework-dependent without ReadyToRun (as `dotnet build` makes it), and as the
# single-file binary of build/publish.sh --single-file (self-contained, trimmed, ReadyToRun).
dotnet publish "$root/src/Greenlight.Cli/Greenlight.Cli.csproj" -c Release --use-current-runtime --self-contained false \
  -o "$out/greenlight-jit" -nologo -v quiet >/dev/null
"$root/build/publish.sh" --single-file --out "$out/dist" >/dev/null
extra=()
if [ "$aot" = 1 ]; then
  echo "==> Building the Native AOT build (what build/publish.sh ships)"
  "$root/build/publish.sh" --out "$out/aot" >/dev/null
  extra+=(--build "native-aot=$out/aot/linux-x64/greenlight")
fi
dotnet build "$root/bench/BenchServer/BenchServer.csproj" -c Release -o "$out/server" -nologo -v quiet >/dev/null

if [ ! -x "$out/node_modules/.bin/newman" ]; then
  echo "==> Installing newman from npm"
  (cd "$out" && npm install --silent --no-audit --no-fund newman@6 >/dev/null)
fi

url_file="$out/server.url"
rm -f "$url_file"
"$out/server/BenchServer" --url-file "$url_file" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [ -s "$url_file" ] && break; sleep 0.1; done

python3 "$here/bench.py" --greenlight "$out/greenlight/greenlight" --newman "$out/node_modules/.bin/newman" \
  --url "$(cat "$url_file")" --work "$out" \
  --build "framework-dependent=$out/greenlight-jit/greenlight" --build "single-file=$out/dist/linux-x64/greenlight" "${extra[@]}" "$@"
