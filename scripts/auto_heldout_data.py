#!/usr/bin/python3
"""Writes the held-out data sets of issue 11's Auto check: data the decision rule was not chosen on.

Usage: /usr/bin/python3 scripts/auto_heldout_data.py FOLDER   (scikit-learn 1.2: apt-get install -y python3-sklearn;
fashion needs Debian's dataset-fashion-mnist, installed by scripts/fashion-mnist-setup.sh)

Each file is FOLDER/NAME.csv with the features then `Label` (0..K-1), read by
`auto-table FOLDER/NAME` (docs/benchmarks.md, "Auto: the held-out check"). Every generator has a fixed seed:
  blobs            make_blobs(600, 5 features, 4 centers, cluster_std 2.5, random_state 11): clusters that touch,
                   where unlabeled rows should help a little;
  classification3  make_classification(900, 20 features, 5 informative, 5 redundant, 3 classes, 2 clusters a class,
                   flip_y 0.05, random_state 12): classes made of several clusters, where the cluster assumption fails;
  hard_binary      make_classification(600, 10 features, 3 informative, class_sep 0.6, flip_y 0.1, random_state 13):
                   overlapping binary classes with label noise, where unlabeled rows should not help;
  fashion          Fashion-MNIST's first 200 training images of each class (2,000 rows) pooled 2x2 to 14x14 = 196
                   features (0-255): a real image set the project's Auto work never used.
"""
import gzip
import os
import struct
import sys

import numpy as np
from sklearn.datasets import make_blobs, make_classification


def write(folder, name, features, labels):
    path = os.path.join(folder, name + ".csv")
    with open(path, "w") as f:
        f.write(",".join(f"f{j}" for j in range(features.shape[1])) + ",Label\n")
        for row, label in zip(features, labels):
            f.write(",".join(f"{v:.6g}" for v in row) + f",{int(label)}\n")
    print(f"{path}: {features.shape[0]} rows x {features.shape[1]} features, {len(set(labels))} classes")


def fashion(per_class=200):
    source = "/usr/share/datasets/fashion-mnist"
    with gzip.open(os.path.join(source, "train-images-idx3-ubyte.gz"), "rb") as f:
        _, count, rows, columns = struct.unpack(">IIII", f.read(16))
        images = np.frombuffer(f.read(), dtype=np.uint8).reshape(count, rows, columns).astype(np.float32)
    with gzip.open(os.path.join(source, "train-labels-idx1-ubyte.gz"), "rb") as f:
        struct.unpack(">II", f.read(8))
        labels = np.frombuffer(f.read(), dtype=np.uint8)
    keep = np.concatenate([np.flatnonzero(labels == c)[:per_class] for c in range(10)])
    keep.sort()
    pooled = images[keep].reshape(len(keep), 14, 2, 14, 2).mean(axis=(2, 4)).reshape(len(keep), 196)
    return pooled, labels[keep]


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "artifacts/auto-heldout"
    os.makedirs(folder, exist_ok=True)
    x, y = make_blobs(n_samples=600, n_features=5, centers=4, cluster_std=2.5, random_state=11)
    write(folder, "blobs", x, y)
    x, y = make_classification(n_samples=900, n_features=20, n_informative=5, n_redundant=5, n_classes=3,
                               n_clusters_per_class=2, flip_y=0.05, random_state=12)
    write(folder, "classification3", x, y)
    x, y = make_classification(n_samples=600, n_features=10, n_informative=3, n_redundant=2, class_sep=0.6,
                               flip_y=0.1, random_state=13)
    write(folder, "hard_binary", x, y)
    x, y = fashion()
    write(folder, "fashion", x, y)


if __name__ == "__main__":
    main()
