#!/bin/sh
# Auto's leave-one-out with few labels against the repeated folds, on every cell of issue 11's table where it applies
# (docs/auto.md, "Few labels: what was tried"). Usage: scripts/auto-leave-one-out.sh [OUTPUT_DIRECTORY] (default /tmp/auto-loo).
# Builds the benchmarks, runs auto-table on those cells with and without --leave-one-out (one process at a time), then
# applies the decision rules to each (auto-rules) and compares both estimates with the test gain (auto_fold_bias.py).
set -e
out=${1:-/tmp/auto-loo}
mkdir -p "$out"
cd "$(dirname "$0")/.."
dotnet build test/Microsoft.ML.SemiSupervised.Benchmarks -c Release -v q -nologo
B=test/Microsoft.ML.SemiSupervised.Benchmarks/bin/Release/net10.0/Microsoft.ML.SemiSupervised.Benchmarks
for mode in loo folds; do
  flag=; [ $mode = loo ] && flag=--leave-one-out
  for d in moons overlapping clusters; do
    $B auto-table --repeats 4 --seeds 1,2,3 --fractions 0.01 $flag --evidence "$out/$mode-$d.csv" $d > "$out/$mode-$d.md"
  done
  for d in iris wine; do
    $B auto-table --repeats 4 --seeds 1,2,3 --fractions 0.05,0.1 $flag --evidence "$out/$mode-$d.csv" $d > "$out/$mode-$d.md"
  done
  (head -n 1 "$out/$mode-iris.csv"; for d in moons overlapping clusters iris wine; do tail -n +2 "$out/$mode-$d.csv"; done) > "$out/$mode.csv"
  echo "## $mode"; $B auto-rules "$out/$mode.csv"
done
/usr/bin/python3 scripts/auto_fold_bias.py "$out/loo.csv" "$out/folds.csv"
