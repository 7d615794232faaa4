#!/usr/bin/env bash
# Set-up of the Fashion-MNIST benchmark (issue 10; docs/neural-networks.md#measured-fashion-mnist-1000-labeled-rows): installs Debian's
# dataset-fashion-mnist package (the original idx files under /usr/share/datasets/fashion-mnist) and writes the split the
# runner reads, artifacts/fashion-mnist/train.csv (100 labeled rows per class, 59,000 unlabeled) and test.csv (10,000 rows).
# Run once, as root (apt-get), from anywhere: scripts/fashion-mnist-setup.sh. Never run by the tests or build.sh.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; then
  apt-get install -y dataset-fashion-mnist
fi
if ! /usr/bin/python3 -c "import numpy" 2>/dev/null; then
  apt-get install -y python3-numpy
fi
/usr/bin/python3 "$repo/scripts/fashion_mnist_split.py" "$repo/artifacts/fashion-mnist"
