#!/usr/bin/env bash
# Runs one method of the Fashion-MNIST benchmark in its own process under /usr/bin/time -v (peak memory, CPU time) and
# keeps its results in artifacts/fashion-mnist/results: METHOD.summary.csv (test accuracy, wall and CPU seconds),
# METHOD.epochs.csv (the neural methods' learning curve), METHOD.classes.csv (the pseudo-labels' mask rate and accuracy per
# class and epoch) and METHOD.time.txt (/usr/bin/time's report).
#   scripts/fashion-mnist-benchmark.sh METHOD [runner options]
# METHOD: supervised, fixmatch, mixmatch, logistic-regression, self-training, label-spreading. Runner options:
#   --epochs N     default 30, the full run: about 13 min of CPU for FixMatch on one thread (26 s an epoch, measured under load)
#   --threads N    LibTorch threads, default 1 (two spin on a busy machine)
#   --network mlp|cnn|cnn-flat, default cnn (cnn-flat: ConvolutionalFlattened);  --channels C1,C2,..., default 8,16,32
#   --threshold T, FixMatch's confidence threshold, default 0.95;  --threshold-kind fixed|adaptive (FlexMatch), default fixed; --distribution-alignment on|off, default off;
#   --data DIR, another split (train.csv, test.csv);  --unlabeled-weight W (FixMatch, MixMatch);  --learning-rate R
# Needs scripts/fashion-mnist-setup.sh once. Then /usr/bin/python3 scripts/fashion_mnist_report.py writes the table and the
# learning-curve picture (docs/neural-networks.md#measured-fashion-mnist-1000-labeled-rows).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
method="${1:?name a method: supervised, fixmatch, mixmatch, logistic-regression, self-training, label-spreading}"
shift
project="$repo/test/Microsoft.ML.SemiSupervised.TorchSharp.Benchmarks"
results="$repo/artifacts/fashion-mnist/results"
# The runner's --out, if given, is where this script's files go too (METHOD.time.txt, METHOD.load.txt).
args=("$@")
for ((i = 0; i + 1 < ${#args[@]}; i++)); do
  if [ "${args[$i]}" = "--out" ]; then results="${args[$((i + 1))]}"; fi
done
mkdir -p "$results"
dotnet build "$project" -c Release --nologo -v quiet
echo "load at the start: $(cut -d' ' -f1-3 /proc/loadavg)" > "$results/$method.load.txt"
/usr/bin/time -v -o "$results/$method.time.txt" \
  "$project/bin/Release/net10.0/Microsoft.ML.SemiSupervised.TorchSharp.Benchmarks" fashion-mnist "$method" --out "$results" "$@"
grep -E "Maximum resident|Elapsed \(wall|User time|System time" "$results/$method.time.txt"
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results/$method.load.txt"
cat "$results/$method.load.txt"
