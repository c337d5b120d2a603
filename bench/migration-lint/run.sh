#!/usr/bin/env bash
# Benchmark: greenlight's migration linter (no database) against squawk (npm squawk-cli) over
# the corpus in ./corpus. Prints per file what each tool found, the totals, and whole-process
# timing (median, alternated) with the ratio.
#   GREENLIGHT=path/to/greenlight ./bench/migration-lint/run.sh [--reps N]
# Without GREENLIGHT, the default Release build is used; if it is missing or has no
# `migrate lint`, only the squawk half runs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [ ! -x "$here/node_modules/.bin/squawk" ]; then
  echo "==> Installing squawk-cli (version pinned in package.json) into $here/node_modules" >&2
  (cd "$here" && npm ci --silent --no-audit --no-fund >/dev/null)
fi
squawk="$here/node_modules/.bin/squawk"
native="$(ls "$here"/node_modules/@squawk-cli/*/bin/squawk 2>/dev/null | head -1 || true)"

greenlight="${GREENLIGHT:-$root/src/Greenlight.Cli/bin/Release/net10.0/greenlight}"
gl_args=()
if [ ! -x "$greenlight" ]; then
  echo "==> greenlight not found at $greenlight (build: dotnet build src/Greenlight.Cli -c Release, or set GREENLIGHT)" >&2
elif ! "$greenlight" migrate lint --help >/dev/null 2>&1; then
  echo "==> $greenlight has no 'migrate lint' yet" >&2
else
  gl_args=(--greenlight "$(readlink -f "$greenlight")")
fi

# The real interpreter, not a pyenv shim (the JSON work is stdlib only; timing is measured
# inside it around each tool's process).
py="$(python3 -c 'import sys; print(sys.executable)')"
exec "$py" "$here/bench.py" --corpus "$here/corpus" --squawk "$squawk" ${native:+--squawk-native "$native"} \
  --out "$here/out" "${gl_args[@]}" "$@"
