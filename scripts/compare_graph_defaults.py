#!/usr/bin/python3
"""Side by side: scikit-learn 1.2's LabelSpreading and LabelPropagation against ours under each graph setting, on
exactly the same splits (the graph defaults of issue 11, docs/benchmarks.md).

First run our side, which writes the splits, our results and the labels of the scikit-learn-compatible setting:
    dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.Benchmarks -- graph-defaults artifacts/graph
then this script (Debian's python3 with python3-sklearn):
    /usr/bin/python3 scripts/compare_graph_defaults.py artifacts/graph

Both sides: kernel "knn" with n_neighbors=7 and kernel "rbf" with gamma=20, label propagation with max_iter=1000,
features scaled by their largest absolute training value. "transductive" is the accuracy on the unlabeled training
rows, "inductive" on the test rows. scikit-learn's directed kNN graph leaves some rows with no path to a labeled row;
their distribution is 0/0 (NaN) and argmax gives them scikit-learn's first class, which its accuracy counts. The
script also counts those rows and checks, row by row, that our scikit-learn-compatible setting (SymmetrizeGraph =
false, UnreachedRowFallback = None) gives scikit-learn's label on every row scikit-learn's graph reached.
"""
import csv
import os
import sys
import warnings
from collections import defaultdict

import numpy as np
import sklearn
from sklearn.preprocessing import MaxAbsScaler
from sklearn.semi_supervised import LabelPropagation, LabelSpreading

from comparison_data import load, read_splits

folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join("artifacts", "graph")
warnings.filterwarnings("ignore")


splits = read_splits(folder)

ours = defaultdict(list)
with open(os.path.join(folder, "graph.csv"), newline="") as f:
    for r in csv.DictReader(f):
        ours[(r["dataset"], r["fraction"], r["method"], r["kernel"], r["setting"])].append(
            (float(r["transductive"]), float(r["inductive"]), int(r["fallback"]), int(r["unreached"])))

compatible = {}
with open(os.path.join(folder, "predictions.csv"), newline="") as f:
    for r in csv.DictReader(f):
        compatible[(r["dataset"], r["fraction"], r["seed"], r["method"], r["kernel"])] = dict(
            zip((int(v) for v in r["rows"].split()), (int(v) for v in r["classes"].split())))

theirs = defaultdict(list)
rows_checked = rows_equal = 0
mismatches = defaultdict(int)
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
    unlabeled = y_train < 0
    for method in ("spreading", "propagation"):
        for kernel in ("knn", "rbf"):
            extra = {"n_neighbors": 7} if kernel == "knn" else {"gamma": 20}
            model = (LabelSpreading(kernel=kernel, **extra) if method == "spreading"
                     else LabelPropagation(kernel=kernel, max_iter=1000, **extra)).fit(x_train, y_train)
            transduction = model.transduction_
            reached = ~np.isnan(model.label_distributions_).any(axis=1) & (np.nan_to_num(model.label_distributions_).sum(axis=1) > 0)
            transductive = float(np.mean(transduction[unlabeled] == y[train][unlabeled]))
            inductive = float(np.mean(model.predict(x_test) == y[parts["test"]]))
            theirs[(name, fraction, method, kernel)].append((transductive, inductive, int((~reached).sum())))
            ours_rows = compatible.get((name, fraction, seed, method, kernel))
            if ours_rows is not None:
                for position, row in enumerate(train):
                    if reached[position]:
                        rows_checked += 1
                        same = int(ours_rows[row] == transduction[position])
                        rows_equal += same
                        mismatches[(name, method, kernel)] += 1 - same


print(f"scikit-learn {sklearn.__version__}")
print(f"Our scikit-learn-compatible setting (SymmetrizeGraph = false, UnreachedRowFallback = None) gives scikit-learn's label on "
      f"{rows_equal} of the {rows_checked} training rows scikit-learn's graph reached (every split, both methods, both kernels); "
      "the others: " + ", ".join(f"{n} {m} {k} {v}" for (n, m, k), v in sorted(mismatches.items()) if v) + ".\n")

SETTINGS = ["directed", "directed+reached", "directed+labeled", "symmetric", "symmetric+reached", "symmetric+labeled"]


def mean(values, index):
    return np.mean([v[index] for v in values])


def table(measure, index):
    print(f"#### {measure} accuracy, mean over seeds 1-3\n")
    print("Columns: scikit-learn's own (its unreached rows given its first class), then ours per setting; "
          "(n) after a setting: fallback rows summed over the 3 seeds; after scikit-learn and 'directed': rows no label reached.\n")
    print("| data set | labeled | method | kernel | scikit-learn | " + " | ".join(SETTINGS) + " |")
    print("|---|---|---|---|---|" + "---|" * len(SETTINGS))
    for name, fraction, method, kernel in sorted(theirs, key=lambda k: (k[0], float(k[1]), k[2], k[3])):
        sk = theirs[(name, fraction, method, kernel)]
        cells = [f"{mean(sk, index):.3f} ({sum(v[2] for v in sk)})"]
        for setting in SETTINGS:
            values = ours.get((name, fraction, method, kernel, setting))
            if not values:
                cells.append("=")  # the dense RBF graph is symmetric already
                continue
            count = sum(v[3] for v in values) if setting.endswith("directed") or setting == "symmetric" else sum(v[2] for v in values)
            cells.append(f"{mean(values, index):.3f} ({count})")
        print(f"| {name} | {float(fraction):.0%} | {method} | {kernel} | " + " | ".join(cells) + " |")
    print()


table("Transductive (unlabeled training rows)", 0)
table("Inductive (test rows)", 1)

print("#### Mean over every data set, fraction and seed\n")
print("| method | kernel | measure | scikit-learn | " + " | ".join(SETTINGS) + " |")
print("|---|---|---|---|" + "---|" * len(SETTINGS))
for method in ("spreading", "propagation"):
    for kernel in ("knn", "rbf"):
        for measure, index in (("transductive", 0), ("inductive", 1)):
            sk = [v for k, vs in theirs.items() if k[2] == method and k[3] == kernel for v in vs]
            cells = [f"{mean(sk, index):.3f}"]
            for setting in SETTINGS:
                values = [v for k, vs in ours.items() if k[2] == method and k[3] == kernel and k[4] == setting for v in vs]
                cells.append(f"{mean(values, index):.3f}" if values else "=")
            print(f"| {method} | {kernel} | {measure} | " + " | ".join(cells) + " |")
print()

print("#### Per method, kNN kernel (the RBF graph is symmetric already): cells (data set x fraction) where a setting is best "
      "or within 0.005 of the best of ours, and its largest gap to the best\n")
print("| method | measure | " + " | ".join(SETTINGS) + " |")
print("|---|---|" + "---|" * len(SETTINGS))
for method in ("spreading", "propagation"):
    for measure, index in (("transductive", 0), ("inductive", 1)):
        cells = sorted({(k[0], k[1]) for k in theirs if k[2] == method and k[3] == "knn"})
        wins, gaps = defaultdict(int), defaultdict(float)
        for name, fraction in cells:
            scores = {s: mean(ours[(name, fraction, method, "knn", s)], index) for s in SETTINGS}
            best = max(scores.values())
            for setting, value in scores.items():
                wins[setting] += value >= best - 0.005
                gaps[setting] = max(gaps[setting], best - value)
        print(f"| {method} | {measure} | " + " | ".join(f"{wins[s]} of {len(cells)}, gap {gaps[s]:.3f}" for s in SETTINGS) + " |")
