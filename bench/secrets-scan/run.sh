#!/usr/bin/env bash
# bench/secrets-scan: greenlight vs secretlint (recommended preset) vs detect-secrets on one generated tree.
#   bench/secrets-scan/run.sh [FILES] [MB]      (default 20000 files, 200 MB)
#   SECRETLINT_SAMPLE=300 bench/secrets-scan/run.sh
#       secretlint takes more than 30 minutes on the full tree: with SECRETLINT_SAMPLE=N it runs on a
#       second tree of N files (same generator, MB scaled down) beside greenlight, and the ratios come
#       from that tree; greenlight (and detect-secrets) still scan the full tree.
# Prints, per tool: wall seconds, CPU seconds (user+sys of the process tree), files/s, MB/s, MB per CPU-second (meaningful under load),
# planted secrets found (by file and line) and decoys reported, then the ratios. A tool that is
# not installed is a line saying why, never a silent gap.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/../.." && pwd)"
files="${1:-20000}"; mb="${2:-200}"; sample="${SECRETLINT_SAMPLE:-}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

# One tree with its spec, its empty spec and secretlint's config: make_tree DIR FILES MB.
make_tree() {
  local tree="$1/tree"
  python3 "$here/generate.py" "$tree" "$2" "$3"
  cat > "$tree/greenlight.yaml" <<'YAML'
version: 1
name: secrets-bench
checks:
  - id: secrets
    kind: secrets
    git_tracked: false
    files: ["src/**/*.py", "tests/**/*.py", "services/**/.env"]
    allow: { paths: ["tests/fixtures/**"] }
    timeout: 10m
YAML
  # The same run with nothing to read: greenlight's fixed cost (start-up, spec loading, report).
  sed 's|files: .*|files: ["none/**"]|' "$tree/greenlight.yaml" > "$tree/empty.yaml"
  cat > "$tree/.secretlintrc.json" <<'JSON'
{ "rules": [ { "id": "@secretlint/secretlint-rule-preset-recommend" } ] }
JSON
  printf 'tests/fixtures/**\n' > "$tree/.secretlintignore"
}

[ -x "$here/.peers/node_modules/.bin/secretlint" ] || npm install --prefix "$here/.peers" --no-audit --no-fund secretlint @secretlint/secretlint-rule-preset-recommend >/dev/null
# Published ReadyToRun, as build/publish.sh ships it and a user installs it: a plain build JITs
# everything at start-up, which is most of the fixed cost of a run.
dotnet publish "$repo/src/Greenlight.Cli/Greenlight.Cli.csproj" -c Release --use-current-runtime --self-contained false \
  -p:PublishReadyToRun=true -o "$work/greenlight" -nologo -v quiet >/dev/null
greenlight="$work/greenlight/greenlight"

make_tree "$work/full" "$files" "$mb"
compare="$here/compare.py"; secretlint="$here/.peers/node_modules/.bin/secretlint"
if [ -n "$sample" ]; then
  make_tree "$work/sample" "$sample" "$(( (mb * sample + files - 1) / files ))"
  echo "== full tree: greenlight (and detect-secrets)"
  python3 "$compare" "$work/full" "$greenlight" "$secretlint" greenlight,detect-secrets
  echo "== sample tree of $sample files: greenlight and secretlint"
  python3 "$compare" "$work/sample" "$greenlight" "$secretlint" greenlight,secretlint
else
  python3 "$compare" "$work/full" "$greenlight" "$secretlint" greenlight,secretlint,detect-secrets
fi
