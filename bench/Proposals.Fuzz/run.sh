#!/usr/bin/env bash
# Runs the document-check fuzz targets under AFL++ for a bounded time each, side by side, at low priority
# (a shared machine), then prints each target's executions, paths and crashes. Not part of .ci/run.
#   bash bench/Proposals.Fuzz/run.sh [minutes per target, default 10] [targets, default "pdf docx signature"]
# Crashes land in .data/fuzz/<target>/default/crashes; replay them (uninstrumented) with
#   dotnet run -c Release --project bench/Proposals.Fuzz -- <target> replay .data/fuzz/<target>/default/crashes
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes="${1:-10}"
targets="${2:-pdf docx signature}"
out=.data/fuzz

command -v afl-fuzz >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends afl++; }
dotnet tool restore >/dev/null

rm -rf "$out/bin"   # instrumented copies would otherwise survive the publish
dotnet publish bench/Proposals.Fuzz -c Release -o "$out/bin" --nologo -v q
# Seeds first: an instrumented assembly only runs under afl-fuzz.
rm -rf "$out/seeds"
dotnet "$out/bin/Proposals.Fuzz.dll" seeds "$out/seeds"
# Instrument the assemblies whose branches AFL should steer by: the checkers, and PdfPig under the signature reader.
for dll in Proposals.Domain.dll Proposals.Pipeline.dll UglyToad.PdfPig.dll UglyToad.PdfPig.Core.dll UglyToad.PdfPig.Tokenization.dll UglyToad.PdfPig.Tokens.dll; do
  [ -f "$out/bin/$dll" ] && dotnet sharpfuzz "$out/bin/$dll" >/dev/null
done

export AFL_NO_AFFINITY=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1
pids=()
for target in $targets; do
  seeds="$out/seeds/pdf"; [ "$target" = docx ] && seeds="$out/seeds/docx"
  rm -rf "$out/$target"
  nice -n 10 afl-fuzz -V $((minutes * 60)) -t 10000 -m none -i "$seeds" -o "$out/$target" -- \
    dotnet "$out/bin/Proposals.Fuzz.dll" "$target" >"$out/$target.log" 2>&1 &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || true; done

for target in $targets; do
  stats="$out/$target/default/fuzzer_stats"
  [ -f "$stats" ] || { echo "$target: no stats (see $out/$target.log)"; continue; }
  get() { grep -E "^$1 " "$stats" | sed -E 's/^[^:]+: *//'; }
  echo "$target: run_time $(get run_time) s, execs_done $(get execs_done), execs_per_sec $(get execs_per_sec), corpus_count $(get corpus_count), saved_crashes $(get saved_crashes), saved_hangs $(get saved_hangs)"
done
