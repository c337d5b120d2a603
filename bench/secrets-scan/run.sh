#!/usr/bin/env bash
# bench/secrets-scan: greenlight vs secretlint (recommended preset) on one generated tree.
#   bench/secrets-scan/run.sh [FILES] [MB]      (default 20000 files, 200 MB)
# detect-secrets is pip-only (PyPI is unreachable here and Debian has no package): not compared.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/../.." && pwd)"
files="${1:-20000}"; mb="${2:-200}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
tree="$work/tree"
python3 "$here/generate.py" "$tree" "$files" "$mb"
cat > "$tree/greenlight.yaml" <<'YAML'
version: 1
name: secrets-bench
checks:
  - id: secrets
    kind: secrets
    git_tracked: false
    files: ["src/**/*.py", "tests/**/*.py"]
    allow: { paths: ["tests/fixtures/**"] }
    timeout: 10m
YAML
cat > "$tree/.secretlintrc.json" <<'JSON'
{ "rules": [ { "id": "@secretlint/secretlint-rule-preset-recommend" } ] }
JSON
printf 'tests/fixtures/**\n' > "$tree/.secretlintignore"
[ -x "$here/.peers/node_modules/.bin/secretlint" ] || npm install --prefix "$here/.peers" --no-audit --no-fund secretlint @secretlint/secretlint-rule-preset-recommend >/dev/null
greenlight="$repo/src/Greenlight.Cli/bin/Release/net10.0/greenlight"
[ -x "$greenlight" ] || dotnet build "$repo/Greenlight.slnx" -c Release -nologo -v quiet >/dev/null
bytes=$(find "$tree/src" "$tree/tests" -name '*.py' -printf '%s\n' | awk '{s+=$1} END {print s}')
nfiles=$(find "$tree/src" "$tree/tests" -name '*.py' | wc -l)
cat /dev/null > "$work/gl.json"

t0=$(date +%s.%N)
"$greenlight" check -f "$tree/greenlight.yaml" --format json --no-store > "$work/gl.json" 2>/dev/null || true
t1=$(date +%s.%N)
(cd "$tree" && "$here/.peers/node_modules/.bin/secretlint" --format json "src/**/*.py" "tests/**/*.py" > "$work/sl.json" 2>/dev/null || true)
t2=$(date +%s.%N)

python3 - "$work" "$tree" "$nfiles" "$bytes" "$t0" "$t1" "$t2" <<'PY'
import json, sys
work, tree, nfiles, nbytes, t0, t1, t2 = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), *map(float, sys.argv[5:8])
planted = {tuple(l.split(":")[:2]) for l in open(f"{work}/planted.txt").read().split()}
gl = json.load(open(f"{work}/gl.json"))
lines = [e["content"] for r in gl["results"] for e in r["evidence"] if e["name"] in ("findings", "warnings")]
gl_found = set()
for block in lines:
    for l in block.split("\n"):
        f, line = l.split(":")[0:2]
        gl_found.add((f, line))
sl_found = set()
for entry in json.load(open(f"{work}/sl.json")):
    f = entry["filePath"].replace(tree + "/", "")
    for m in entry.get("messages", []):
        sl_found.add((f, str(m["loc"]["start"]["line"])))
def row(name, found, seconds):
    hit = len(planted & found); decoys = len(found - planted)
    print(f"{name:<12} {seconds:8.2f} s {nfiles/seconds:10.0f} files/s {nbytes/seconds/1e6:8.1f} MB/s   planted found {hit:3d}/100   decoys reported {decoys}")
print(f"tree: {nfiles} files, {nbytes/1e6:.0f} MB, 100 planted secrets (20 shapes x 5), 100 decoys; 2 cores")
row("greenlight", gl_found, t1 - t0)
row("secretlint", sl_found, t2 - t1)
print(f"ratio: secretlint takes {(t2 - t1) / (t1 - t0):.1f}x greenlight's time")
print("detect-secrets: not run (pip-only; PyPI unreachable here, no Debian package)")
PY
