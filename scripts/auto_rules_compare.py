"""Compares decision rules for Auto on the fold evidence written by `auto-table --repeats 4 --evidence FILE`.

Usage: python3 scripts/auto_rules_compare.py EVIDENCE.csv [MORE.csv ...]   (SHOW="rule name" lists its cells and harmful picks)
Each rule is applied per seed to every candidate's fold scores; Auto's test accuracy under a rule is that of its choice
(the candidate fitted alone, or the supervised trainer). docs/auto.md, "Why this rule", has the results.
"""
import os, csv, sys, math, collections
import numpy as np
from scipy import stats

rows = []
for f in sys.argv[1:]:
    rows += list(csv.DictReader(open(f)))
cells = collections.OrderedDict()
for r in rows:
    key = (r['dataset'], r['trainer'], float(r['fraction']))
    cells.setdefault(key, collections.OrderedDict()).setdefault(int(r['seed']), []).append(r)

def arr(s, t=float): return np.array([t(x) for x in s.split(';')]) if s else np.array([])

def evidence(r, R):
    k = int(r['folds'])
    if k == 0 or not r['fold_candidate']: return None
    c = arr(r['fold_candidate']); s = arr(r['fold_supervised'])
    b = arr(r['fold_candidate_only'], int); cc = arr(r['fold_supervised_only'], int); n = arr(r['fold_rows'], int)
    m = k * R
    return dict(k=k, R=R, d=(c - s)[:m], b=b[:m], c=cc[:m], n=n[:m])

def floor(e):
    b, c, N, k = e['b'].sum(), e['c'].sum(), e['n'].sum(), e['k'] * 1.0
    dis = (b + c + 1.0) / (N + 2.0); p = (b + 1.0) / (b + c + 2.0)
    return dis * 4 * p * (1 - p) / (N / (len(e['d']))) 

def corrected_lb(e, alpha, corr=True, usefloor=True):
    d = e['d']; n = len(d); k = e['k']
    var = d.var(ddof=1) if n > 1 else 0
    if usefloor: var = max(var, floor(e))
    se = math.sqrt(var * (1.0 / n + (1.0 / (k - 1) if corr else 0)))
    return d.mean() - stats.t.ppf(1 - alpha, n - 1) * se

def sign_p(e):
    # pooled per-repeat McNemar: b and c averaged over repeats, one-sided binomial
    b = e['b'].sum() / e['R']; c = e['c'].sum() / e['R']
    nb = int(round(b)); nn = int(round(b + c))
    if nn == 0: return 1.0
    return stats.binom.sf(nb - 1, nn, 0.5)

def rule_old(e, m): return corrected_lb(e, 0.05 / m) > 0, corrected_lb(e, 0.05 / m)
def make_corrected(alpha, bonf, corr=True):
    def r(e, m):
        a = alpha / m if bonf else alpha
        lb = corrected_lb(e, a, corr)
        return lb > 0, lb
    return r
def make_sign(alpha, bonf):
    def r(e, m):
        a = alpha / m if bonf else alpha
        p = sign_p(e)
        return (p < a and e['d'].mean() > 0), -p
    return r
def make_wins(frac):
    def r(e, m):
        d = e['d']; w = (d > 0).sum(); l = (d < 0).sum()
        return (w >= frac * len(d) and d.mean() > 0), d.mean()
    return r
def make_repeat_consistent(inner):
    def r(e, m):
        ok, s = inner(e, m)
        k = e['k']; reps = [e['d'][i*k:(i+1)*k].mean() for i in range(e['R'])]
        return ok and min(reps) > 0, s
    return r

def margin_rule(z, corr):
    def r(e, m):
        lb = corrected_lb(e, stats.norm.sf(z), corr)
        return lb > 0, lb
    return r

RULES = collections.OrderedDict()
RULES['old NB bonf R2'] = (rule_old, 2, 'mean')
for R in (2, 4):
    RULES[f'NB a.05 R{R}'] = (make_corrected(0.05, False), R, 'mean')
    RULES[f'NB a.10 R{R}'] = (make_corrected(0.10, False), R, 'mean')
    RULES[f'NB a.20 R{R}'] = (make_corrected(0.20, False), R, 'mean')
    RULES[f'naive-t bonf R{R}'] = (make_corrected(0.05, True, False), R, 'mean')
    RULES[f'naive-t a.05 R{R}'] = (make_corrected(0.05, False, False), R, 'mean')
    RULES[f'sign bonf R{R}'] = (make_sign(0.05, True), R, 'mean')
    RULES[f'sign a.05 R{R}'] = (make_sign(0.05, False), R, 'mean')
    RULES[f'sign a.05 cons R{R}'] = (make_repeat_consistent(make_sign(0.05, False)), R, 'mean')
    RULES[f'sign bonf cons R{R}'] = (make_repeat_consistent(make_sign(0.05, True)), R, 'mean')
    RULES[f'wins .6 R{R}'] = (make_wins(0.6), R, 'mean')
    RULES[f'naive-t bonf cons R{R}'] = (make_repeat_consistent(make_corrected(0.05, True, False)), R, 'mean')
    RULES[f'1se naive R{R}'] = (margin_rule(1.0, False), R, 'mean')


for a in (0.05, 0.10, 0.20):
    RULES[f'NB a{a} R4 maxLB'] = (make_corrected(a, False), 4, 'score')
    RULES[f'NB a{a} R4 cons'] = (make_repeat_consistent(make_corrected(a, False)), 4, 'mean')
    RULES[f'NB a{a} R4 cons maxLB'] = (make_repeat_consistent(make_corrected(a, False)), 4, 'score')
RULES['adapt NB.05->NB.05'] = ((make_corrected(0.05, False), make_corrected(0.05, False), lambda e, m: corrected_lb(e, 0.25) > 0), 'adaptive', 'mean')
RULES['adapt NB.05->NB.10'] = ((make_corrected(0.05, False), make_corrected(0.10, False), lambda e, m: corrected_lb(e, 0.25) > 0), 'adaptive', 'mean')
RULES['adapt NBbonf->NB.05'] = ((make_corrected(0.05, True), make_corrected(0.05, False), lambda e, m: e['d'].mean() > 0), 'adaptive', 'mean')
RULES['adapt NBbonf->NBbonf'] = ((make_corrected(0.05, True), make_corrected(0.05, True), lambda e, m: e['d'].mean() > 0), 'adaptive', 'mean')
RULES['adapt NB.05->NB.05 m>0'] = ((make_corrected(0.05, False), make_corrected(0.05, False), lambda e, m: e['d'].mean() > 0), 'adaptive', 'mean')

def choose(seedrows, rule, R, how):
    if R == 'adaptive':
        # stage 1 at 2 repeats with rule[0]; candidates whose 2-repeat mean > 0 but not passing get 4 repeats judged by rule[1]
        ev2 = [(r, evidence(r, 2)) for r in seedrows]; ev2 = [(r, e) for r, e in ev2 if e is not None]
        m = max(1, len(ev2)); ok = []
        for r, e in ev2:
            p, s = rule[0](e, m)
            if p: ok.append((e['d'].mean(), r)); continue
            if rule[2](e, m):
                e4 = evidence(r, 4); p4, s4 = rule[1](e4, m)
                if p4: ok.append((e4['d'].mean(), r))
        if not ok: return 'Supervised', float(seedrows[0]['supervised_test'])
        best = max(ok, key=lambda t: t[0])[1]
        return best['candidate'], float(best['candidate_test'])
    ev = [(r, evidence(r, R)) for r in seedrows]
    ev = [(r, e) for r, e in ev if e is not None]
    m = max(1, len(ev))
    ok = []
    for r, e in ev:
        passed, score = rule(e, m)
        if passed: ok.append((e['d'].mean() if how == 'mean' else score, r))
    if not ok: return 'Supervised', float(seedrows[0]['supervised_test'])
    best = max(ok, key=lambda t: t[0])[1]
    return best['candidate'], float(best['candidate_test'])

verbose = '-v' in sys.argv[0:1]
summary = []
per_rule_cells = collections.defaultdict(list)
for name, (rule, R, how) in RULES.items():
    safe_miss = gain_miss = gain_cells = harmful = picks = 0
    lost = 0.0
    for key, seeds in cells.items():
        sup = np.mean([float(v[0]['supervised_test']) for v in seeds.values()])
        cands = collections.defaultdict(list)
        for v in seeds.values():
            for r in v:
                cands[r['candidate']].append(float(r['candidate_test']) if r['candidate_test'] != 'skipped' else np.nan)
        best = np.nanmax([np.mean(x) for x in cands.values()])
        autos = []; choices = []
        for sd, v in seeds.items():
            ch, acc = choose(v, rule, R, how)
            autos.append(acc); choices.append(ch)
            if ch != 'Supervised':
                picks += 1
                if acc < float(v[0]['supervised_test']) - 0.01:
                    harmful += 1
                    if os.environ.get('SHOW') == name: print('harmful', key, sd, ch, f"{acc - float(v[0]['supervised_test']):+.3f}")
        auto = np.mean(autos)
        sm = auto < sup - 0.01
        gm = None
        if best >= sup + 0.02:
            gain_cells += 1
            gm = auto - sup < 0.7 * (best - sup)
            gain_miss += gm
        safe_miss += sm
        per_rule_cells[name].append((key, sup, best, auto, choices, sm, gm))
    deltas = [c[3] - c[1] for c in per_rule_cells[name]]
    summary.append((name, safe_miss, gain_miss, gain_cells, picks, harmful, np.mean(deltas), min(deltas)))
print(f"{'rule':28s} safeMiss gainMiss/gainCells picks harmfulPicks meanGain worstCell")
for s in summary:
    print(f"{s[0]:28s} {s[1]:5d} {s[2]:5d}/{s[3]:<5d} {s[4]:5d} {s[5]:5d} {100*s[6]:+6.2f} {100*s[7]:+6.2f}")
import os
show = os.environ.get('SHOW')
if show:
    for key, sup, best, auto, choices, sm, gm in per_rule_cells[show]:
        nocv = all(int(v[0]['folds']) == 0 for v in cells[key].values())
        print(key, 'NO-CV' if nocv else '', f"sup {sup:.3f} best {best:.3f} auto {auto:.3f}", ','.join(c[:5] for c in choices), 'SAFE-MISS' if sm else '', 'GAIN-MISS' if gm else '')
