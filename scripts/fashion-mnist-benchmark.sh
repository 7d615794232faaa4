#!/usr/bin/env bash
# Runs one method of the Fashion-MNIST benchmark in its own process under /usr/bin/time -v (peak memory, CPU time) and
# keeps its results in artifacts/fashion-mnist/results: METHOD.summary.csv (test accuracy, wall and CPU seconds),
# METHOD.epochs.csv (the neural methods' learning curve) and METHOD.time.txt (/usr/bin/time's report).
#   scripts/fashion-mnist-benchmark.sh METHOD [runner options]
# METHOD: supervised, fixmatch, mixmatch, logistic-regression, self-training, label-spreading; runner options: --epochs N
# (default 30), --threads N (default 1), --network mlp|cnn (default mlp). Needs scripts/fashion-mnist-setup.sh once.
# Then scripts/fashion_mnist_report.py writes the table and the learning-curve picture (docs/neural-networks.md#fashion-mnist).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
method="${1:?name a method: supervised, fixmatch, mixmatch, logistic-regression, self-training, label-spreading}"
shift
project="$repo/test/Microsoft.ML.SemiSupervised.TorchSharp.Benchmarks"
results="$repo/artifacts/fashion-mnist/results"
mkdir -p "$results"
dotnet build "$project" -c Release --nologo -v quiet
echo "load at the start: $(cut -d' ' -f1-3 /proc/loadavg)" > "$results/$method.load.txt"
/usr/bin/time -v -o "$results/$method.time.txt" \
  "$project/bin/Release/net10.0/Microsoft.ML.SemiSupervised.TorchSharp.Benchmarks" fashion-mnist "$method" --out "$results" "$@"
grep -E "Maximum resident|Elapsed \(wall|User time|System time" "$results/$method.time.txt"
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results/$method.load.txt"
cat "$results/$method.load.txt"
