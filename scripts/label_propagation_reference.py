"""Reference figures from scikit-learn for the label propagation tests and benchmarks.

Run by hand with the system Python that has scikit-learn 1.2 (never by the tests):

    /usr/bin/python3 scripts/label_propagation_reference.py accuracy
    /usr/bin/python3 scripts/label_propagation_reference.py closed-form
    /usr/bin/time -v /usr/bin/python3 scripts/label_propagation_reference.py benchmark 100000
    /usr/bin/python3 scripts/label_propagation_reference.py predict 100000 10000 5

`accuracy` prints the accuracy on the unlabeled rows of moons_seed.csv, iris.csv and digits.csv with the same
label split as the C# tests (in each class, every 10th row in file order is labeled: rows 0, 10, 20, ... of the class).
`benchmark N` fits LabelSpreading(kernel="knn", n_neighbors=10) on the generated data set the C# benchmark uses
(written by the benchmark project as CSV; see docs/benchmarks.md) and prints the time.
`predict N Q ROUNDS` fits the same model on the first N rows of artifacts/blobs_{N+Q}.csv and times `predict` on the
other Q rows (new rows of the same blobs, as the benchmark project's `new-rows N Q` gives ours), ROUNDS times.
"""
import sys
import time

import numpy as np
import sklearn
from sklearn.semi_supervised import LabelPropagation, LabelSpreading

DATA = "test/data/"


def load(name):
    data = np.genfromtxt(DATA + name + ".csv", delimiter=",", skip_header=1)
    return data[:, :-1], data[:, -1].astype(int)


def every_tenth_per_class(y):
    labeled = np.zeros(len(y), dtype=bool)
    for c in np.unique(y):
        rows = np.flatnonzero(y == c)
        labeled[rows[::10]] = True
    return labeled


def accuracy(model, X, y_true, labeled):
    y = np.where(labeled, y_true, -1)
    model.fit(X, y)
    hidden = ~labeled
    return (model.transduction_[hidden] == y_true[hidden]).mean()


def main_accuracy():
    print("scikit-learn", sklearn.__version__)
    moons = np.genfromtxt(DATA + "moons_seed.csv", delimiter=",", skip_header=1)
    X, label, truth = moons[:, :2], moons[:, 2], moons[:, 3].astype(int)
    labeled = ~np.isnan(label)
    for name, model in [("spreading knn7", LabelSpreading(kernel="knn", n_neighbors=7)),
                        ("propagation knn7", LabelPropagation(kernel="knn", n_neighbors=7, max_iter=1000))]:
        print("moons", name, "%.4f" % accuracy(model, X, truth, labeled))
    for data in ["iris", "digits"]:
        X, y = load(data)
        labeled = every_tenth_per_class(y)
        for name, model in [("spreading knn7", LabelSpreading(kernel="knn", n_neighbors=7)),
                            ("propagation knn7", LabelPropagation(kernel="knn", n_neighbors=7, max_iter=1000))]:
            print(data, name, "labeled", labeled.sum(), "%.4f" % accuracy(model, X, y, labeled))


def main_benchmark(n):
    data = np.loadtxt("artifacts/blobs_%d.csv" % n, delimiter=",", dtype=np.float32)
    X, y = data[:, :-1], data[:, -1].astype(int)
    start = time.perf_counter()
    model = LabelSpreading(kernel="knn", n_neighbors=10)
    model.fit(X, y)
    elapsed = time.perf_counter() - start
    print("n=%d fit %.2f s, n_iter %d" % (n, elapsed, model.n_iter_))


def main_predict(n, q, rounds):
    data = np.loadtxt("artifacts/blobs_%d.csv" % (n + q), delimiter=",", dtype=np.float32)
    X, y = data[:, :-1], data[:, -1].astype(int)
    model = LabelSpreading(kernel="knn", n_neighbors=10)
    start = time.perf_counter()
    model.fit(X[:n], y[:n])
    print("n=%d fit %.2f s" % (n, time.perf_counter() - start))
    rates, cpu_rates = [], []
    for _ in range(rounds):
        start, cpu = time.perf_counter(), time.process_time()
        model.predict(X[n:])
        rates.append(q / (time.perf_counter() - start))
        cpu_rates.append(q / (time.process_time() - cpu))
    print("  %d new rows, %d rounds: median %.0f rows/s (%s); per CPU second %.0f rows"
          % (q, rounds, float(np.median(rates)), " ".join("%.0f" % r for r in rates), float(np.median(cpu_rates))))


if __name__ == "__main__":
    if sys.argv[1] == "accuracy":
        main_accuracy()
    elif sys.argv[1] == "benchmark":
        main_benchmark(int(sys.argv[2]))
    elif sys.argv[1] == "predict":
        main_predict(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
