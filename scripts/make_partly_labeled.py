#!/usr/bin/python3
"""Writes test/data/digits_train.csv and digits_test.csv from test/data/digits.csv.

The split the main sample and the README's quick start read: 30 % of the rows (shuffled with numpy's
RandomState(0)) form the test file, every label kept; of the other 70 %, each class keeps 5 % of its
labels (at least one, the first rows of the shuffled order) and every other Label field is left empty,
the way a user's data marks an unlabeled row. Run by hand: /usr/bin/python3 scripts/make_partly_labeled.py
"""
import csv
import os

import numpy as np

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "data")
with open(os.path.join(root, "digits.csv"), newline="") as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]
label = header.index("Label")
order = np.random.RandomState(0).permutation(len(body))
test_count = round(0.3 * len(body))
test = [body[i] for i in order[:test_count]]
train = [list(body[i]) for i in order[test_count:]]
for cls in sorted({r[label] for r in train}, key=float):
    members = [r for r in train if r[label] == cls]
    keep = max(1, round(0.05 * len(members)))
    for r in members[keep:]:
        r[label] = ""
for name, part in (("digits_train.csv", train), ("digits_test.csv", test)):
    with open(os.path.join(root, name), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(part)
print(f"train {len(train)} rows, {sum(1 for r in train if r[label])} labeled; test {len(test)} rows")
