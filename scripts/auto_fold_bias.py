"""How far a cross-validation's estimate of a candidate's gain is from its gain on the test rows, for two evidence files
of the same cells (`auto-table --repeats 4 --evidence FILE`, once with `--leave-one-out`, once without).

Usage: python3 scripts/auto_fold_bias.py LEAVE_ONE_OUT.csv FOLDS.csv [CANDIDATE]   (default LabelSpreadingThenTrainer)
Per seed and cell that both files cross-validated: the mean fold difference (candidate - supervised) of each file and the
test gain of the candidate fitted alone; then the mean overestimate of each, and on the seeds where the candidate loses
on the test rows, how many each file said it gains. docs/auto.md, "Few labels: what was tried", has the results.
"""
import csv, sys, statistics

def load(path, candidate):
    cells = {}
    for r in csv.DictReader(open(path)):
        if r['candidate'] != candidate or int(r['folds']) == 0 or not r['fold_candidate']:
            continue
        c = [float(x) for x in r['fold_candidate'].split(';')]
        s = [float(x) for x in r['fold_supervised'].split(';')]
        key = (r['dataset'], r['trainer'], float(r['fraction']), int(r['seed']))
        cells[key] = (sum(a - b for a, b in zip(c, s)) / len(c), float(r['candidate_test']) - float(r['supervised_test']), int(r['folds']))
    return cells

candidate = sys.argv[3] if len(sys.argv) > 3 else 'LabelSpreadingThenTrainer'
loo, folds = load(sys.argv[1], candidate), load(sys.argv[2], candidate)
keys = sorted(k for k in loo if k in folds)
print('| data set | trainer | labels | seed | leave-one-out | folds (k) | test gain |')
print('|---|---|---|---|---:|---:|---:|')
for k in keys:
    print(f'| {k[0]} | {k[1]} | {k[2]:.0%} | {k[3]} | {100 * loo[k][0]:+.1f} | {100 * folds[k][0]:+.1f} ({folds[k][2]}) | {100 * loo[k][1]:+.1f} |')
print()
print(f'{len(keys)} seeds and cells; mean estimate minus test gain: leave-one-out {100 * statistics.mean(loo[k][0] - loo[k][1] for k in keys):+.1f} points, '
      f'folds {100 * statistics.mean(folds[k][0] - folds[k][1] for k in keys):+.1f}')
losing = [k for k in keys if loo[k][1] < 0]
print(f'{len(losing)} where the candidate loses on the test rows: leave-one-out said it gains in {sum(loo[k][0] > 0 for k in losing)}, folds in {sum(folds[k][0] > 0 for k in losing)}')
