#!/usr/bin/env bash
# Runs the Greenlight demo: builds Greenlight and a small service of its own, starts the service on
# a free loopback port, takes the "backup", runs the release checklist, and stops the service.
# Ends NO-GO because OPENAI_API_KEY is not set; run it as OPENAI_API_KEY=sk-demo-123 ./examples/demo/run.sh for GO.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/.build"

echo "==> Building Greenlight and the demo service (first run takes a minute)"
# GREENLIGHT_EXE runs an installed or published greenlight (e.g. dist/linux-x64/greenlight) instead of building one.
greenlight="${GREENLIGHT_EXE:-$out/greenlight/greenlight}"
[ -n "${GREENLIGHT_EXE:-}" ] || dotnet build "$root/src/Greenlight.Cli/Greenlight.Cli.csproj" -c Release -o "$out/greenlight" -nologo -v quiet >/dev/null
dotnet build "$here/DemoService/DemoService.csproj" -c Release -o "$out/service" -nologo -v quiet >/dev/null

echo "==> Starting the demo service${OPENAI_API_KEY:+ (with OPENAI_API_KEY set)}"
url_file="$(mktemp -u)"
"$out/service/DemoService" --url-file "$url_file" >"$out/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true; rm -f "$url_file"' EXIT
for _ in $(seq 1 100); do [ -s "$url_file" ] && break; sleep 0.1; done
[ -s "$url_file" ] || { echo "the demo service did not start:"; cat "$out/service.log"; exit 1; }
export DEMO_API="$(cat "$url_file")"

echo "==> Taking a backup (a real deploy would dump its database here)"
mkdir -p "$here/backups"
cp "$here/schema.sql" "$here/backups/notes-$(date +%Y%m%d-%H%M%S).sql"

echo "==> greenlight check"
set +e
"$greenlight" check -f "$here/greenlight.yaml" "$@"
code=$?
set -e
echo "==> greenlight exited with $code"
exit $code
