#!/usr/bin/python3
"""Writes the Fashion-MNIST benchmark's split from Debian's dataset-fashion-mnist package.

Reads /usr/share/datasets/fashion-mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz (installed by
scripts/fashion-mnist-setup.sh) and writes, into the folder given as the first argument (default
artifacts/fashion-mnist):
  train.csv  the 60,000 training images; each class keeps the label of 100 of its rows (numpy's
             RandomState(0), a permutation per class in class order), the other 59,000 Label fields are empty
             (unlabeled, read as NaN with MissingRealsAsNaNs);
  test.csv   the 10,000 test images, every label kept;
  full/train.csv, full/test.csv  the same images with every training label kept (the network's ceiling runs in
             docs/neural-networks.md: `supervised --data DIR/full`).
Each row: the 784 pixels (0-255, row after row, as ML.NET's ExtractPixels lays out one channel), then Label (0-9).
Never run by the tests: the benchmark runner (test/Microsoft.ML.SemiSupervised.TorchSharp.Benchmarks) reads these files.
"""
import gzip
import os
import struct
import sys

import numpy as np

SOURCE = "/usr/share/datasets/fashion-mnist"
LABELED_PER_CLASS = 100
SEED = 0


def read_images(name):
    with gzip.open(os.path.join(SOURCE, name), "rb") as f:
        magic, count, rows, columns = struct.unpack(">IIII", f.read(16))
        if magic != 2051:
            raise ValueError(f"{name}: not an idx3 image file (magic {magic})")
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(count, rows * columns)


def read_labels(name):
    with gzip.open(os.path.join(SOURCE, name), "rb") as f:
        magic, count = struct.unpack(">II", f.read(8))
        if magic != 2049:
            raise ValueError(f"{name}: not an idx1 label file (magic {magic})")
        return np.frombuffer(f.read(), dtype=np.uint8)


def write(path, images, labels):
    with open(path, "w") as f:
        f.write(",".join(f"p{i}" for i in range(images.shape[1])) + ",Label\n")
        for pixels, label in zip(images, labels):
            f.write(",".join(map(str, pixels.tolist())) + "," + label + "\n")


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    target = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "artifacts", "fashion-mnist")
    os.makedirs(target, exist_ok=True)
    train_images, train_labels = read_images("train-images-idx3-ubyte.gz"), read_labels("train-labels-idx1-ubyte.gz")
    test_images, test_labels = read_images("t10k-images-idx3-ubyte.gz"), read_labels("t10k-labels-idx1-ubyte.gz")

    random = np.random.RandomState(SEED)
    keep = np.zeros(len(train_labels), dtype=bool)
    for cls in range(10):
        members = np.flatnonzero(train_labels == cls)
        keep[members[random.permutation(len(members))[:LABELED_PER_CLASS]]] = True
    train_marks = [str(l) if k else "" for l, k in zip(train_labels, keep)]

    write(os.path.join(target, "train.csv"), train_images, train_marks)
    write(os.path.join(target, "test.csv"), test_images, [str(l) for l in test_labels])
    full = os.path.join(target, "full")
    os.makedirs(full, exist_ok=True)
    write(os.path.join(full, "train.csv"), train_images, [str(l) for l in train_labels])
    write(os.path.join(full, "test.csv"), test_images, [str(l) for l in test_labels])
    print(f"{target}: train.csv {len(train_labels)} rows ({keep.sum()} labeled), test.csv {len(test_labels)} rows; full/ with all {len(train_labels)} training labels")


if __name__ == "__main__":
    main()
