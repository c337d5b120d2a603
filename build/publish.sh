#!/usr/bin/env bash
# Publishes greenlight as one self-contained binary per runtime: Native AOT by default (trim and AOT
# warnings are errors), with the SQLite library beside it; or, with --single-file, one trimmed
# ReadyToRun file with SQLite inside. Writes SHA256SUMS next to each binary.
#
#   build/publish.sh [--rid RID]... [--out DIR] [--single-file] [--tool]
#
#   --rid          runtime identifier, repeatable (default linux-x64; the binaries land in DIR/RID/).
#                  Native AOT compiles for the machine it runs on: other runtimes build with
#                  --single-file (linux-arm64 and linux-musl-x64, see docs/install.md)
#   --out          output folder (default dist/ at the repository root)
#   --single-file  the trimmed ReadyToRun single file instead of Native AOT (seconds to link, not
#                  minutes; slower start-up, see docs/install.md)
#   --aot          Native AOT (the default; accepted so older scripts keep working)
#   --tool         also pack the `dotnet tool` package into DIR/tool/ and install it into a temporary tool path
#   --tool-only    only that (no binary)
#
# Every executable project under src/ is published the same way, so a new host (a dashboard, an
# MCP server) is covered by this step, and its trim warnings fail it, without editing this script.
# It builds in folders of its own (.build/LAYOUT/, see Directory.Build.props), so it can run while
# another build of the same tree runs (test.sh publishes beside the test suite).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/dist"
rids=()
aot=1
binary=1
tool=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rid) rids+=("$2"); shift 2 ;;
    --out) out="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    --aot) aot=1; shift ;;
    --single-file) aot=0; shift ;;
    --tool) tool=1; shift ;;
    --tool-only) tool=1; binary=0; shift ;;
    *) echo "publish.sh: unknown argument $1 (see the comment at the top of the script)" >&2; exit 2 ;;
  esac
done
[ ${#rids[@]} -gt 0 ] || rids=(linux-x64)

mapfile -t projects < <(grep -l '<OutputType>Exe</OutputType>' "$root"/src/*/*.csproj | sort)
[ ${#projects[@]} -gt 0 ] || { echo "publish.sh: no executable project under src/" >&2; exit 1; }

if [ "$aot" = 1 ]; then
  layout=native-aot
  mode=(-p:PublishAot=true -p:StripSymbols=true)
else
  layout=single-file
  mode=(-p:PublishSingleFile=true -p:PublishReadyToRun=true -p:IncludeNativeLibrariesForSelfExtract=true -p:EnableCompressionInSingleFile=false)
fi

[ "$binary" = 1 ] || rids=()
for rid in "${rids[@]}"; do
  dest="$out/$rid"
  rm -rf "$dest"
  mkdir -p "$dest"
  for project in "${projects[@]}"; do
    echo "==> Publishing $(basename "$project" .csproj) for $rid ($layout)"
    # TrimmerSingleWarn=false lists every trim warning where it arises instead of one line per
    # package, and each fails the publish; nothing is suppressed (the AOT compiler's findings, too, are errors).
    dotnet publish "$project" -c Release -r "$rid" --self-contained -nologo -v quiet \
      -p:PublishTrimmed=true -p:TrimmerSingleWarn=false -p:SuppressTrimAnalysisWarnings=false \
      -p:ILLinkTreatWarningsAsErrors=true -p:DebugType=none -p:GreenlightLayout="$layout" -p:GreenlightBuildDir="$root/.build/$layout" \
      "${mode[@]}" -o "$dest"
  done
  # Only the binaries ship: no .pdb, no .dbg, no stray config.
  find "$dest" -maxdepth 1 -type f \( -name '*.pdb' -o -name '*.dbg' \) -delete
  (cd "$dest" && find . -maxdepth 1 -type f -perm -u+x ! -name SHA256SUMS -printf '%P\n' | sort | xargs sha256sum > SHA256SUMS)
  echo "==> $dest"
  (cd "$dest" && ls -l --block-size=K $(cut -d' ' -f3 SHA256SUMS) && cat SHA256SUMS)
done

if [ "$tool" = 1 ]; then
  echo "==> Packing and installing the dotnet tool"
  rm -rf "$out/tool"
  dotnet pack "$root/src/Greenlight.Cli/Greenlight.Cli.csproj" -c Release -nologo -v quiet -o "$out/tool/nupkg"
  dotnet tool install Greenlight.Tool --tool-path "$out/tool/bin" --add-source "$out/tool/nupkg" --ignore-failed-sources >/dev/null
  "$out/tool/bin/greenlight" --version
fi
