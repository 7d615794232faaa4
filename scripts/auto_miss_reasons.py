#!/usr/bin/python3
"""Names the reason for every missed target of issue 11's Auto table, from the evidence `auto-table --evidence` wrote.

Usage: /usr/bin/python3 scripts/auto_miss_reasons.py EVIDENCE.csv [MORE.csv ...]
One markdown row per data set, trainer and fraction: the supervised trainer's and each candidate's test accuracy
(means over the seeds), Auto's under the default rule (`CorrectedBound`: 95 % per candidate on 2 repeats, 4 when a positive
gain is not yet shown; applied to the recorded folds as `auto-rules` does, since the runner's own Auto ran with
`--repeats 4`; where a class has a single label, the library's choice as recorded), its choice per seed, the targets
(safe: Auto not more than 1 point below supervised; gain: where the best candidate gains 2 points or more, Auto keeps
70 % of it) and, for a miss, why: what the evidence Auto had said about the best candidate on each seed.
  - "single label": a class has one labeled row, so nothing can be cross-validated; with reverse validation
    (the `evidence` column), the rows its reverse model won and lost;
  - "2 folds": a class has 2 labeled rows, so each fold trains on half the labels and the corrected variance term
    1/(k-1) is 1;
  - otherwise the best candidate's gain over its folds (2 repeats, or 4 where the rule adds them) and the 95 %
    corrected lower bound, per seed,
    against its gain on the test rows: a gain the folds did not show, or contradict.
The formulas are those of scripts/auto_rules_compare.py (docs/auto.md, "How it decides").
"""
import collections
import csv
import math
import sys

import numpy as np
from scipy import stats


CANDIDATES = ['SelfTraining', 'LabelSpreadingThenTrainer', 'CoTraining', 'TriTraining']


def values(text, kind=float):
    return np.array([kind(v) for v in text.split(';')]) if text else np.array([])


def lower_bound(row, repeats=4):
    """The mean gain and the corrected resampled t lower bound at 95 % over the first repeats of the row's folds, with the binomial floor."""
    k = int(row['folds'])
    m = k * repeats
    d = (values(row['fold_candidate']) - values(row['fold_supervised']))[:m]
    n = len(d)
    b, c, rows = values(row['fold_candidate_only'], int)[:m].sum(), values(row['fold_supervised_only'], int)[:m].sum(), values(row['fold_rows'], int)[:m].sum()
    share = (b + c + 1.0) / (rows + 2.0)
    p = (b + 1.0) / (b + c + 2.0)
    floor = share * 4 * p * (1 - p) / (rows / n)
    variance = max(d.var(ddof=1) if n > 1 else 0.0, floor)
    return d.mean(), d.mean() - stats.t.ppf(0.95, n - 1) * math.sqrt(variance * (1.0 / n + 1.0 / (k - 1)))


def default_rule(rows):
    """Auto's choice and test accuracy on one seed under the default rule; the library's own where it did not cross-validate."""
    if any(r.get('evidence') == 'ReverseValidation' or int(r['folds']) == 0 for r in rows):
        return rows[0]['auto_choice'], float(rows[0]['auto_test'])
    passed = []
    for r in rows:
        if not r['fold_candidate']:
            continue
        mean, bound = lower_bound(r, 2)
        if not bound > 0 and mean > 0:
            mean, bound = lower_bound(r, 4)
        if bound > 0:
            passed.append((mean, r))
    if not passed:
        return 'Supervised', float(rows[0]['supervised_test'])
    best = max(passed, key=lambda t: t[0])[1]
    return best['candidate'], float(best['candidate_test'])


def main(paths):
    cells = collections.OrderedDict()
    for path in paths:
        for row in csv.DictReader(open(path)):
            key = (row['dataset'], row['trainer'], float(row['fraction']))
            cells.setdefault(key, collections.OrderedDict()).setdefault(int(row['seed']), []).append(row)
    print('| data set | trainer | labels | supervised | ' + ' | '.join(CANDIDATES) + ' | Auto | choice per seed | targets | why |')
    print('|---|---|---|---|---|---|---|---|---|---|---|---|')
    for (name, trainer, fraction), seeds in cells.items():
        first = [rows[0] for rows in seeds.values()]
        supervised = np.mean([float(r['supervised_test']) for r in first])
        chosen = [default_rule(rows) for rows in seeds.values()]
        auto = np.mean([a for _, a in chosen])
        tests = collections.defaultdict(list)
        for rows in seeds.values():
            for r in rows:
                tests[r['candidate']].append(float(r['candidate_test']) if r['candidate_test'] not in ('', 'skipped', 'NaN') else np.nan)
        means = {c: np.nanmean(v) for c, v in tests.items()}
        best = max(means, key=lambda c: means[c])
        gain = means[best] - supervised
        targets = []
        if auto < supervised - 0.01:
            targets.append(f'MISS safe ({100 * (auto - supervised):+.1f})')
        gain_missed = gain >= 0.02 and auto - supervised < 0.7 * gain
        if gain_missed:
            targets.append(f'MISS gain (kept {100 * (auto - supervised) / gain:.0f} % of {100 * gain:+.1f})')
        why = ''
        if gain_missed:
            why = reason(seeds, best, [c for c, _ in chosen])
        labels = np.mean([int(r['labels']) for r in first])
        choices = ', '.join(short(c) for c, _ in chosen)
        columns = ' | '.join(f"{means[c]:.3f}" if c in means and not np.isnan(means[c]) else 'skipped' for c in CANDIDATES)
        print(f"| {name} | {trainer} | {100 * fraction:.0f} % ({labels:.0f}) | {supervised:.3f} | {columns} | {auto:.3f} | {choices} | "
              f"{'; '.join(targets) or 'met'} | {why} |")


def reason(seeds, best, choices):
    parts = []
    kinds = set()
    for (seed, rows), choice in zip(seeds.items(), choices):
        row = next(r for r in rows if r['candidate'] == best)
        test_gain = float(row['candidate_test']) - float(row['supervised_test'])
        taken = choice == best
        evidence = row.get('evidence', '') or ('CrossValidation' if int(row['folds']) > 0 else 'None')
        if evidence == 'ReverseValidation':
            kinds.add('single label')
            won, lost = values(row['fold_candidate_only'], int).sum(), values(row['fold_supervised_only'], int).sum()
            parts.append(f"{seed}: reverse {won}-{lost}{' taken' if taken else ''} (test {100 * test_gain:+.0f})")
        elif int(row['folds']) == 0:
            kinds.add('single label')
            parts.append(f"{seed}: no folds (test {100 * test_gain:+.0f})")
        else:
            if int(row['folds']) == 2:
                kinds.add('2 folds')
            mean, bound = lower_bound(row, 2)
            if not bound > 0 and mean > 0:
                mean, bound = lower_bound(row, 4)
            parts.append(f"{seed}: folds {100 * mean:+.0f}, bound {100 * bound:+.0f}{' taken' if taken else ''} (test {100 * test_gain:+.0f})")
    head = ' and '.join(sorted(kinds)) or 'not shown at 95 %'
    return f"{head}; {short(best)} per seed: " + '; '.join(parts)


def short(name):
    return {'Supervised': 'sup', 'SelfTraining': 'self', 'LabelSpreadingThenTrainer': 'spread', 'CoTraining': 'co', 'TriTraining': 'tri'}.get(name, name)


if __name__ == '__main__':
    main(sys.argv[1:])
