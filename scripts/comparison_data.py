"""What the side-by-side comparison scripts (compare_with_sklearn.py, compare_graph_defaults.py) read: a data set of
test/data as features and classes, and the splits our runner wrote (TableData.WriteSplit in the benchmarks)."""
import csv
import os
from collections import defaultdict

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "data")


def load(name):
    """The features (every column but the label) and the classes of test/data/NAME.csv. moons_seed's classes are its
    TrueLabel column; its Label column (the labels the seed kept) is left out of the features too."""
    with open(os.path.join(ROOT, name + ".csv"), newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    label = header.index("TrueLabel" if name == "moons_seed" else "Label")
    skip = {label} | ({header.index("Label")} if name == "moons_seed" else set())
    x = np.array([[float(v) for i, v in enumerate(r) if i not in skip] for r in rows[1:]])
    y = np.array([int(float(r[label])) for r in rows[1:]])
    return x, y


def read_splits(folder):
    """splits.csv of FOLDER: {(dataset, fraction, seed): {role: row numbers}}, the roles train_labeled,
    train_unlabeled and test."""
    splits = defaultdict(dict)
    with open(os.path.join(folder, "splits.csv"), newline="") as f:
        for r in csv.DictReader(f):
            splits[(r["dataset"], r["fraction"], r["seed"])][r["role"]] = np.array([int(v) for v in r["rows"].split()], dtype=int)
    return splits
