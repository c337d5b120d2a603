#!/usr/bin/env bash
# Runs every Greenlight test on a fresh machine: installs what the tests need, restores NuGet
# packages, builds, runs the suite and ends with one line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# The shipped binary (Native AOT) takes minutes to compile and link. It is published from the start,
# in the background at the lowest priority and in build folders of its own (.build/), while packages
# install and the suite builds and runs, so it takes the time the cores would spend idle; the example
# tests run against it at the end.
publishing=""
publish_log="$(mktemp)"
start_publish() {
  echo "==> Publishing the Native AOT binary in the background (build/publish.sh)"
  # A process group of its own, so stopping the tests early stops the compiler too.
  setsid nice -n 19 bash -c 'build/publish.sh > "$1" 2>&1; echo "exit $?" >> "$1"' publish "$publish_log" &
  publishing=$!
  trap '[ -n "$publishing" ] && kill -- "-$publishing" 2>/dev/null' EXIT
}
# The AOT compiler links with the system's C toolchain (gcc or clang, and the C library's headers and start files).
aot_linker=0
command -v gcc >/dev/null 2>&1 || command -v clang >/dev/null 2>&1 || aot_linker=1
if [ "$aot_linker" = 0 ] && command -v dotnet >/dev/null 2>&1 && command -v setsid >/dev/null 2>&1; then start_publish; fi

need_apt=()
[ "$aot_linker" = 0 ] || need_apt+=(gcc libc6-dev)
command -v setsid >/dev/null 2>&1 || need_apt+=(util-linux)
command -v kill >/dev/null 2>&1 || need_apt+=(procps)
command -v runuser >/dev/null 2>&1 || need_apt+=(util-linux)
command -v setpriv >/dev/null 2>&1 || need_apt+=(util-linux)
# Output tests run greenlight on a pseudo-terminal (script); store tests mount a small tmpfs (mount, as root).
command -v script >/dev/null 2>&1 || need_apt+=(bsdutils)
command -v mount >/dev/null 2>&1 || need_apt+=(mount)
# The boot and routes tests run small replica apps in Python; provenance tests use git.
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
command -v git >/dev/null 2>&1 || need_apt+=(git)
# The migration tests run a real Alembic in offline mode (PyPI is unreachable: Debian's alembic and python3-alembic).
command -v alembic >/dev/null 2>&1 || need_apt+=(alembic python3-alembic)
# The seed 004 watch test runs alembic online against PostgreSQL (psycopg2 from Debian).
/usr/bin/python3 -c "import psycopg2" >/dev/null 2>&1 || need_apt+=(python3-psycopg2)
# The init tests run the drafted specs against replica apps: FastAPI, Flask and Express (npm ci from the registry).
/usr/bin/python3 -c "import venv, ensurepip, fastapi, uvicorn, flask" >/dev/null 2>&1 || need_apt+=(python3-venv python3-fastapi uvicorn python3-flask)
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
# The store and database tests start a throwaway PostgreSQL cluster of their own.
# The metric and watch tests start a real Prometheus that scrapes a replica app.
command -v prometheus >/dev/null 2>&1 || [ -x /usr/bin/prometheus ] || need_apt+=(prometheus)
# The HTML report tests open it in a real headless Chromium (Debian's; Playwright cannot download its own here).
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then need_apt+=(postgresql); fi
# The CI tests run node tools from npm (tests/tools/package.json): the Actions metadata validator and the Actions toolkit.
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "==> Installing Debian packages: ${need_apt[*]}"
  mapfile -t need_apt < <(printf '%s\n' "${need_apt[@]}" | sort -u)
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null; fi
fi
# axe-core (the accessibility checker the browser tests inject into the page), in a folder of its own.
if [ ! -f tests/.npm/node_modules/axe-core/axe.min.js ]; then
  echo "==> Installing axe-core into tests/.npm"
  npm install --prefix tests/.npm --no-audit --no-fund --no-save axe-core@4.14.1 >/dev/null || echo "npm could not install axe-core: the accessibility tests will fail and say so"
fi
command -v dotnet >/dev/null 2>&1 || { echo "dotnet (the .NET 10 SDK) is not installed: see https://dot.net"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
[ -n "$publishing" ] || start_publish

if [ ! -d tests/tools/node_modules/@action-validator/cli ] || [ ! -d tests/tools/node_modules/@actions/core ]; then
  echo "==> Installing npm test tools into tests/tools"
  npm install --prefix tests/tools --no-package-lock --no-audit --no-fund --loglevel=error >/dev/null || echo "npm install in tests/tools failed: the CI tests will say what is missing"
fi
# The MCP end-to-end test drives `greenlight mcp` with the npm MCP Inspector (CLI mode), in a folder of its own.
# 0.15.0: the newest release that runs on Debian's Node 20 (2.x needs Node 22).
if [ ! -x tests/.npm/inspector/node_modules/.bin/mcp-inspector ]; then
  echo "==> Installing the MCP Inspector (npm) into tests/.npm/inspector"
  npm install --prefix tests/.npm/inspector --no-audit --no-fund --silent @modelcontextprotocol/inspector@0.15.0 >/dev/null || echo "warning: the MCP Inspector did not install; its test will fail with the fix"
fi

echo "==> Restoring and building"
if ! dotnet build Greenlight.slnx -c Release -nologo -v quiet; then
  echo "the build failed"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

echo "==> Running the tests"
results="$(mktemp -d)"
dotnet test Greenlight.slnx -c Release --no-build --nologo --logger "trx;LogFilePrefix=results" --results-directory "$results" 2>&1 | tee "$results/log.txt"
status=${PIPESTATUS[0]}

# The shipped binary: wait for its publish (trim and AOT warnings fail it), install the dotnet tool, and run
# every example's test against the binary (GREENLIGHT_EXE; see tests/.../Fixtures/ExampleRunner.cs).
echo "==> Waiting for the Native AOT binary, then running the example tests against it"
wait "$publishing"
publishing=""
if grep -qx "exit 0" "$publish_log" && build/publish.sh --tool-only; then
  tail -n 4 "$publish_log"
  GREENLIGHT_EXE="$PWD/dist/linux-x64/greenlight" dotnet test Greenlight.slnx -c Release --no-build --nologo \
    --filter "FullyQualifiedName~Greenlight.Tests.Examples" \
    --logger "trx;LogFilePrefix=binary" --results-directory "$results" 2>&1 | tee -a "$results/log.txt"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  # The container image (Dockerfile) is built from that binary where an engine answers; a test checks its COPY sources everywhere.
  if docker info >/dev/null 2>&1; then
    echo "==> Building the container image and running greenlight version in it"
    if ! { docker build -q -t greenlight-test . >/dev/null && docker run --rm greenlight-test version | grep -q "layout:  native-aot"; }; then
      echo "the container image did not build or run"; status=1
    fi
  else
    echo "==> No container engine answers (docker info): the image build is not tested on this machine (docs/install.md)"
  fi
else
  cat "$publish_log"
  echo "publishing the Native AOT binary or the dotnet tool failed"
  status=1
fi
rm -f "$publish_log"

# Sum the counters of every test assembly's TRX file.
read -r passed failed skipped < <(python3 - "$results" <<'PY' 2>/dev/null || grep -hoE 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$results/log.txt" | awk -F'[:,] +' '{f+=$2; p+=$4; s+=$6} END {print p+0, f+0, s+0}'
import glob, sys, xml.etree.ElementTree as ET
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find("{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}ResultSummary/{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}Counters")
    p += int(c.get("passed")); f += int(c.get("failed")) + int(c.get("error")) + int(c.get("timeout")) + int(c.get("aborted"))
    s += int(c.get("notExecuted")) + int(c.get("inconclusive"))
print(p, f, s)
PY
)
rm -rf "$results"
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then failed=1; fi
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit "$status"
