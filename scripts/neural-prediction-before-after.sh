#!/usr/bin/env bash
# Side-by-side prediction speed of two builds of the neural benchmark project (for example before and after a change),
# run alternately so that both see the same load on a shared machine:
#   scripts/neural-prediction-before-after.sh BEFORE_DIR AFTER_DIR [PAIRS] [ROWS] [ROUNDS] [THREADS]
# Each DIR is a checkout whose test/Microsoft.ML.SemiSupervised.TorchSharp.Benchmarks was built in Release (the runner
# prediction-threads must exist in both: copy NeuralPredictionThreadsRun.cs and Program.cs into the older checkout).
set -euo pipefail
before="$1"; after="$2"; pairs="${3:-4}"; rows="${4:-5000}"; rounds="${5:-3}"; threads="${6:-2}"
bin=test/Microsoft.ML.SemiSupervised.TorchSharp.Benchmarks/bin/Release/net10.0
for ((i = 1; i <= pairs; i++)); do
  for side in before after; do
    dir="$before"; [[ "$side" == after ]] && dir="$after"
    echo "== pair $i, $side ($(uptime | sed 's/.*load average: //'))"
    (cd "$dir/$bin" && dotnet Microsoft.ML.SemiSupervised.TorchSharp.Benchmarks.dll prediction-threads "$rows" "$rounds" "$threads")
  done
done
