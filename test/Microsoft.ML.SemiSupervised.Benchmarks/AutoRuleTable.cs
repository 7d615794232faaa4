using System.Globalization;
using Microsoft.ML.SemiSupervised.Auto;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// Auto's decision rules side by side on the same fold evidence: reads the evidence files <see cref="AutoTable"/>
/// writes (<c>auto-table --repeats 4 --evidence FILE</c>: every candidate's fold scores over 4 repeats and its test
/// accuracy fitted alone) and applies to each cell the first release's rule (<see cref="AutoDecisionRule.CorrectedBoundFamilyWise"/>
/// on the first 2 repeats) and the default rule (<see cref="AutoDecisionRule.CorrectedBound"/>: 2 repeats, all 4 when a
/// positive gain is not yet shown), with the library's own <c>CorrectedBoundRule</c>. Auto's test accuracy under a rule
/// is that of its choice: the supervised trainer's or the chosen candidate's fitted alone on the same rows with the
/// same seed (the fit Auto makes).
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.Benchmarks -- auto-rules FILE [FILE...]</c>.</remarks>
public static class AutoRuleTable
{
    private const int FirstRepeats = 2;
    private static readonly string[] Candidates = ["SelfTraining", "LabelSpreadingThenTrainer", "CoTraining", "TriTraining"];

    private sealed record Line(string DataSet, double Fraction, int Seed, string Trainer, int Labels, double Supervised, string Candidate, double CandidateTest,
        double[] FoldCandidate, double[] FoldSupervised, (int, int, int)[] Counts, int Folds);

    /// <summary>Prints one markdown row per data set, trainer and fraction (means over the seeds), then the totals.</summary>
    public static int Run(string[] arguments)
    {
        var lines = arguments.SelectMany(File.ReadLines).Where(l => !l.StartsWith("dataset,", StringComparison.Ordinal)).Select(Parse).ToArray();
        Console.WriteLine($"| data set | trainer | labels | supervised | {string.Join(" | ", Candidates)} | Auto, first rule | Auto | Auto's choice (per seed) | targets |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        int safeMissed = 0, gainMissed = 0, gainCells = 0, oldSafeMissed = 0, oldGainMissed = 0;
        foreach (var cell in lines.GroupBy(l => (l.DataSet, l.Trainer, l.Fraction)))
        {
            var seeds = cell.GroupBy(l => l.Seed).Select(g => g.ToArray()).ToArray();
            double supervised = seeds.Average(s => s[0].Supervised);
            var candidates = Candidates.Select(name => seeds.Average(s => s.Single(l => l.Candidate == name).CandidateTest)).ToArray();
            var old = seeds.Select(s => Choose(s, AutoDecisionRule.CorrectedBoundFamilyWise)).ToArray();
            var now = seeds.Select(s => Choose(s, AutoDecisionRule.CorrectedBound)).ToArray();
            double oldAuto = old.Average(c => c.Test), auto = now.Average(c => c.Test);
            double best = candidates.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max();
            var missed = new List<string>();
            bool noFolds = seeds.All(s => s[0].Folds == 0);
            if (auto < supervised - 0.01)
            {
                missed.Add(FormattableString.Invariant($"MISS safe ({100 * (auto - supervised):+0.0} points)"));
                safeMissed++;
            }
            oldSafeMissed += oldAuto < supervised - 0.01 ? 1 : 0;
            if (best >= supervised + 0.02)
            {
                gainCells++;
                oldGainMissed += oldAuto - supervised < 0.7 * (best - supervised) ? 1 : 0;
                if (auto - supervised < 0.7 * (best - supervised))
                {
                    gainMissed++;
                    missed.Add(FormattableString.Invariant($"MISS gain (kept {100 * (auto - supervised) / (best - supervised):0} % of {100 * (best - supervised):+0.0}{(noFolds ? "; a class has 1 label: nothing to cross-validate" : "")})"));
                }
            }
            Console.WriteLine(string.Join(" | ", $"| {cell.Key.DataSet}", cell.Key.Trainer,
                FormattableString.Invariant($"{cell.Key.Fraction:P0} ({seeds.Average(s => s[0].Labels):0})"), F(supervised), string.Join(" | ", candidates.Select(F)),
                F(oldAuto), F(auto), string.Join(", ", now.Select(c => TableData.Short(c.Name))), missed.Count == 0 ? "met" : string.Join("; ", missed)) + " |");
        }
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant(
            $"Default rule: safe missed in {safeMissed} cells, gain missed in {gainMissed} of {gainCells}. First rule: safe missed in {oldSafeMissed}, gain missed in {oldGainMissed} of {gainCells}."));
        return 0;
    }

    /// <summary>The choice of <paramref name="rule"/> on one seed's evidence, as <c>AutoSelection</c> makes it, and its test accuracy.</summary>
    private static (string Name, double Test) Choose(Line[] seed, AutoDecisionRule rule)
    {
        var decision = CorrectedBoundRule.For(rule);
        var evaluated = seed.Where(l => l.Folds > 0 && l.FoldCandidate.Length > 0).ToArray();
        double level = decision.LevelFor(Candidates.Length);
        var results = evaluated.Select(l =>
        {
            var all = new PairedFoldEvidence(l.FoldCandidate, l.FoldSupervised, l.Counts, l.Folds);
            var evidence = all.FirstRepeats(Math.Min(FirstRepeats, all.Repeats));
            double lower = CorrectedBoundRule.LowerBound(evidence, level);
            if (decision.AllowsMoreRepeats && decision.WantsMoreRepeats(evidence, lower))
                (evidence, lower) = (all, CorrectedBoundRule.LowerBound(all, level));
            return new AutoCandidateResult(l.Candidate, null, evidence.CandidateAccuracies, evidence.SupervisedAccuracies, lower, level);
        }).ToArray();
        var best = CorrectedBoundRule.Best(results);
        return best is null ? ("Supervised", seed[0].Supervised) : (best.Name, seed.Single(l => l.Candidate == best.Name).CandidateTest);
    }

    private static Line Parse(string text)
    {
        var f = text.Split(',');
        double D(string v) => v == "skipped" ? double.NaN : double.Parse(v, CultureInfo.InvariantCulture);
        double[] Ds(string v) => v.Length == 0 ? [] : v.Split(';').Select(D).ToArray();
        int[] Is(string v) => v.Length == 0 ? [] : v.Split(';').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        var (b, c, n) = (Is(f[12]), Is(f[13]), Is(f[14]));
        return new Line(f[0], D(f[1]), int.Parse(f[2], CultureInfo.InvariantCulture), f[3], int.Parse(f[4], CultureInfo.InvariantCulture), D(f[5]), f[6], D(f[7]),
            Ds(f[10]), Ds(f[11]), b.Select((x, i) => (x, c[i], n[i])).ToArray(), int.Parse(f[15], CultureInfo.InvariantCulture));
    }

    private static string F(double accuracy) => double.IsNaN(accuracy) ? "skipped" : accuracy.ToString("F3", CultureInfo.InvariantCulture);

}
