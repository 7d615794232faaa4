#!/usr/bin/python3
"""The Fashion-MNIST benchmark's table and learning-curve picture, from the runs of scripts/fashion-mnist-benchmark.sh.

Reads artifacts/fashion-mnist/results/METHOD.{summary.csv,epochs.csv,time.txt,load.txt} (another folder may be given as
the first argument; a second folder, if given, is where the learning curves are read from, so that the curves of longer runs,
finished or not, can be drawn beside the table of shorter ones; a third argument names the run, so that its files are
docs/images/fashion-mnist-NAME-*) and writes:
  docs/images/fashion-mnist-learning-curve.csv  every neural method's test accuracy after each epoch (the data of the picture)
  docs/images/fashion-mnist-results.csv         one row per method: accuracy, wall and CPU seconds, peak memory, load
  docs/images/fashion-mnist-learning-curve.png  test accuracy against epochs: the supervised network, FixMatch, MixMatch,
                                                with the classical methods' accuracies as horizontal lines
and prints the Markdown table of docs/neural-networks.md. Run by hand: /usr/bin/python3 scripts/fashion_mnist_report.py
"""
import csv
import os
import re
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
METHODS = [
    ("supervised", "the network, labeled rows only"),
    ("fixmatch", "FixMatch"),
    ("mixmatch", "MixMatch"),
    ("logistic-regression", "logistic regression, labeled rows only"),
    ("self-training", "self-training (logistic regression)"),
    ("label-spreading", "label spreading"),
]
NEURAL = {"supervised", "fixmatch", "mixmatch"}


def read_time(results, method):
    """Peak memory (MB) from /usr/bin/time -v's report; the load average at the start and the end (the wrapper's METHOD.load.txt)."""
    peak, load = None, ""
    path = os.path.join(results, method + ".time.txt")
    if os.path.exists(path):
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(path).read())
        peak = int(found.group(1)) / 1024 if found else None
    path = os.path.join(results, method + ".load.txt")
    if os.path.exists(path):
        load = " / ".join(re.findall(r"load at the \w+: ([\d.]+)", open(path).read()))
    return peak, load


def main():
    results = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "artifacts", "fashion-mnist", "results")
    curve_results = sys.argv[2] if len(sys.argv) > 2 else results
    prefix = "fashion-mnist-" + (sys.argv[3] + "-" if len(sys.argv) > 3 else "")
    images = os.path.join(ROOT, "docs", "images")
    rows, curves = [], {}
    for method, name in METHODS:
        summary = os.path.join(results, method + ".summary.csv")
        if not os.path.exists(summary):
            continue
        with open(summary, newline="") as f:
            s = next(csv.DictReader(f))
        peak, load = read_time(results, method)
        rows.append({"method": method, "name": name, "test_accuracy": float(s["test_accuracy"]),
                     "wall_seconds": float(s["wall_seconds"]), "cpu_seconds": float(s["cpu_seconds"]),
                     "peak_mb": peak, "load": load, "details": s["details"]})
    for method in NEURAL:
        epochs = os.path.join(curve_results, method + ".epochs.csv")
        if os.path.exists(epochs):
            with open(epochs, newline="") as f:
                curves[method] = list(csv.DictReader(f))

    with open(os.path.join(images, prefix + "results.csv"), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["method", "test_accuracy", "wall_seconds", "cpu_seconds", "peak_mb", "load_start_end", "details"])
        for r in rows:
            writer.writerow([r["method"], f"{r['test_accuracy']:.4f}", f"{r['wall_seconds']:.1f}", f"{r['cpu_seconds']:.1f}",
                             "" if r["peak_mb"] is None else f"{r['peak_mb']:.0f}", r["load"], r["details"]])
    with open(os.path.join(images, prefix + "learning-curve.csv"), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["method", "epoch", "test_accuracy", "mask_rate", "cpu_seconds"])
        for method in [m for m, _ in METHODS if m in curves]:
            for p in curves[method]:
                writer.writerow([method, p["epoch"], p["test_accuracy"], p["mask_rate"], p["cpu_seconds"]])

    supervised = next((r["test_accuracy"] for r in rows if r["method"] == "supervised"), None)
    print("| method | test accuracy | against the supervised network | wall time | CPU time | peak memory |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        gain = "" if supervised is None or r["method"] == "supervised" else f"{100 * (r['test_accuracy'] - supervised):+.1f} points"
        peak = "" if r["peak_mb"] is None else f"{r['peak_mb']:,.0f} MB"
        print(f"| {r['name']} | {r['test_accuracy']:.4f} | {gain} | {r['wall_seconds'] / 60:.1f} min | {r['cpu_seconds']:.0f} s | {peak} |")

    figure, axes = plt.subplots(figsize=(7, 4.2), dpi=110)
    colors = {"supervised": "tab:gray", "fixmatch": "tab:blue", "mixmatch": "tab:orange"}
    names = dict(METHODS)
    for method in [m for m, _ in METHODS if m in curves]:
        points = curves[method]
        axes.plot([int(p["epoch"]) for p in points], [float(p["test_accuracy"]) for p in points], marker="o", markersize=3,
                  color=colors[method], label=names[method])
    for r, style in zip([r for r in rows if r["method"] not in NEURAL], [":", "--", "-."]):
        axes.axhline(r["test_accuracy"], color="black", linestyle=style, linewidth=1, label=f"{r['name']} ({r['test_accuracy']:.3f})")
    axes.set_xlabel("epoch (one pass over the 59,000 unlabeled rows)")
    axes.set_ylabel("test accuracy (10,000 rows)")
    axes.set_title("Fashion-MNIST, 1,000 labeled rows (100 per class)")
    axes.grid(alpha=0.3)
    axes.legend(fontsize=8, loc="lower right")
    figure.tight_layout()
    figure.savefig(os.path.join(images, prefix + "learning-curve.png"))


if __name__ == "__main__":
    main()
