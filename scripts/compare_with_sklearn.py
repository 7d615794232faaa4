#!/usr/bin/python3
"""Side by side: scikit-learn 1.2's SelfTrainingClassifier, LabelSpreading and LabelPropagation against
ours, on exactly the same splits.

First run our side, which writes the splits and our results:
    dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.Benchmarks -- sklearn-compare artifacts/compare
then this script (Debian's python3 with python3-sklearn), which runs scikit-learn on the same rows and
prints one markdown table, mean over seeds per data set and labeled fraction:
    /usr/bin/python3 scripts/compare_with_sklearn.py artifacts/compare

Both sides fit the same L2-regularized logistic regression, scikit-learn's default LogisticRegression(C=1) here
and LbfgsMaximumEntropy(l1Regularization: 0, l2Regularization: 1/C, or 2/C with two classes) there, on features
scaled by their largest absolute training value; self-training with threshold 0.75 and at most 10 iterations
(both libraries' defaults). ML.NET's L-BFGS trainers default to L1 = 1, which scikit-learn has no equivalent of, so
the runner sets it to 0. ML.NET minimizes the summed log-loss + (L2/2)|w|^2 and scikit-learn the summed log-loss
+ |w|^2/(2C) (intercepts unpenalized on both sides): L2 = 1/C. With two classes scikit-learn fits one weight
vector w, LbfgsMaximumEntropy one per class (w/2 and -w/2 at the optimum, penalty (L2/4)|w|^2): L2 = 2/C.
The runner also reports the supervised baseline and self-training with LbfgsMaximumEntropy's own defaults
(L1 = 1, L2 = 1), printed in a second table. The graph methods:
kernel="knn", n_neighbors=7 on both sides (label propagation with max_iter=1000), predicting the test rows
inductively from the training graph.
"""
import csv
import os
import sys
import time
from collections import defaultdict

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import MaxAbsScaler
from sklearn.semi_supervised import LabelPropagation, LabelSpreading, SelfTrainingClassifier

from comparison_data import load, read_splits

folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join("artifacts", "compare")


splits = read_splits(folder)

ours = defaultdict(list)
with open(os.path.join(folder, "ours.csv"), newline="") as f:
    for r in csv.DictReader(f):
        ours[(r["dataset"], r["fraction"], r["method"])].append((float(r["accuracy"]), float(r["seconds"])))

theirs = defaultdict(list)
data = {}
for (name, fraction, seed), parts in splits.items():
    if name not in data:
        data[name] = load(name)
    x, y = data[name]
    train = np.concatenate([parts["train_labeled"], parts["train_unlabeled"]])
    scaler = MaxAbsScaler().fit(x[train])
    x_train, x_test = scaler.transform(x[train]), scaler.transform(x[parts["test"]])
    y_train = y[train].copy()
    y_train[len(parts["train_labeled"]):] = -1
    labeled = y_train >= 0
    for method in ("supervised", "self-training", "label-spreading", "label-propagation"):
        base = LogisticRegression(C=1.0, max_iter=1000)
        start = time.perf_counter()
        if method == "supervised":
            model = base.fit(x_train[labeled], y_train[labeled])
        elif method == "self-training":
            model = SelfTrainingClassifier(base, threshold=0.75, max_iter=10).fit(x_train, y_train)
        elif method == "label-spreading":
            model = LabelSpreading(kernel="knn", n_neighbors=7).fit(x_train, y_train)
        else:
            model = LabelPropagation(kernel="knn", n_neighbors=7, max_iter=1000).fit(x_train, y_train)
        seconds = time.perf_counter() - start
        accuracy = float(np.mean(model.predict(x_test) == y[parts["test"]]))
        theirs[(name, fraction, method)].append((accuracy, seconds))

print(f"scikit-learn {sklearn.__version__}; mean over seeds; accuracy (fit seconds)\n")
print("| data set | labeled | supervised: ours | theirs | self-training: ours | theirs | ours, guarded | label spreading: ours | theirs | label propagation: ours | theirs |")
print("|---|---|---|---|---|---|---|---|---|---|---|")


def cell(values):
    return f"{np.mean([a for a, _ in values]):.3f} ({np.mean([s for _, s in values]):.3f})"


for name, fraction in sorted({(k[0], k[1]) for k in theirs}, key=lambda k: (k[0], float(k[1]))):
    print(f"| {name} | {float(fraction):.0%} | {cell(ours[(name, fraction, 'supervised')])} | {cell(theirs[(name, fraction, 'supervised')])} | "
          f"{cell(ours[(name, fraction, 'self-training')])} | {cell(theirs[(name, fraction, 'self-training')])} | "
          f"{cell(ours[(name, fraction, 'self-training-guarded')])} | "
          f"{cell(ours[(name, fraction, 'label-spreading')])} | {cell(theirs[(name, fraction, 'label-spreading')])} | "
          f"{cell(ours[(name, fraction, 'label-propagation')])} | {cell(theirs[(name, fraction, 'label-propagation')])} |")

print()
for method in ("supervised", "self-training"):
    same = sum(abs(a - b) < 5e-4 for key in theirs if key[2] == method for (a, _), (b, _) in zip(ours[key], theirs[key]))
    total = sum(len(v) for key, v in theirs.items() if key[2] == method)
    print(f"{method}: the same test accuracy on both sides on {same} of {total} splits.")

print("\nML.NET's LbfgsMaximumEntropy defaults (L1 = 1, L2 = 1) against the setting matching scikit-learn, same splits\n")
print("| data set | labeled | supervised: matched | ML.NET defaults | self-training: matched | ML.NET defaults |")
print("|---|---|---|---|---|---|")
for name, fraction in sorted({(k[0], k[1]) for k in theirs}, key=lambda k: (k[0], float(k[1]))):
    print(f"| {name} | {float(fraction):.0%} | {cell(ours[(name, fraction, 'supervised')])} | {cell(ours[(name, fraction, 'supervised-mlnet-defaults')])} | "
          f"{cell(ours[(name, fraction, 'self-training')])} | {cell(ours[(name, fraction, 'self-training-mlnet-defaults')])} |")
