using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Auto;
using Microsoft.ML.SemiSupervised.InnerTrainers;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;
using Microsoft.ML.Trainers;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// The table of issue 11 for <c>mlContext.SemiSupervised.Auto</c>: for each data set, labeled fraction and seed, the
/// test accuracy of the supervised trainer, of each default candidate fitted alone, of Auto, and Auto's choice; one
/// markdown row per data set and fraction (means over the seeds), with every missed target named.
/// </summary>
/// <remarks>
/// <para>
/// Run: <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.Benchmarks -- auto-table [--seeds 1,2,3]
/// [--trainers defaults,l2] [--fractions 0.01,0.05,0.1] [--repeats 2] [--leave-one-out] [--evidence FILE] [data sets...]</c> (default data sets: iris wine
/// breast_cancer moons clusters overlapping digits, small ones first). Splits are <see cref="SemiSupervisedSplit"/>'s
/// (30 % test rows; each class keeps max(1, round(fraction * n)) labels). Features are divided by their largest
/// absolute value over the data set. Trainers: "defaults" is ML.NET's L-BFGS logistic regression (binary) or maximum
/// entropy (multiclass) with L1 = 1, L2 = 1 (ML.NET's defaults, weak with a handful of labels); "l2" the same with
/// L1 = 0, L2 = 1 (scikit-learn's LogisticRegression with C = 1); clusters, whose classes are not linear, always uses
/// FastTree (8 leaves, 20 trees, 5 rows a leaf). Auto runs with its defaults, the seed and <c>--repeats</c>;
/// <c>--leave-one-out</c> sets <see cref="AutoOptions.LeaveOneOutWithFewLabels"/>.
/// <c>--evidence FILE</c> writes every candidate's fold scores (run with <c>--repeats 4</c> for
/// <see cref="AutoRuleTable"/>, which applies the decision rules to them) and, in the last column, the evidence Auto
/// used (<see cref="AutoEvidence"/>); under reverse validation (a class with a single label) the fold columns hold one
/// value each: the two reverse models' accuracy on the labeled rows and the rows only each got right, <c>folds</c> 0.
/// </para>
/// </remarks>
public static class AutoTable
{
    private static readonly string[] DefaultDataSets = ["iris", "wine", "breast_cancer", "moons", "clusters", "overlapping", "digits"];
    private static readonly double[] Fractions = [0.01, 0.05, 0.10];
    private static readonly string[] Candidates = ["SelfTraining", "LabelSpreadingThenTrainer", "CoTraining", "TriTraining"];

    /// <summary>Prints the table to the console, row by row; <c>--evidence FILE</c> also writes every candidate's fold evidence.</summary>
    public static int Run(string[] arguments)
    {
        var options = arguments.ToList();
        string? evidencePath = Take(options, "--evidence");
        int repeats = int.Parse(Take(options, "--repeats") ?? "2", CultureInfo.InvariantCulture);
        var seeds = (Take(options, "--seeds") ?? "1,2,3").Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var trainers = (Take(options, "--trainers") ?? "defaults,l2").Split(',');
        var fractions = Take(options, "--fractions") is { } f ? f.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray() : Fractions;
        bool leaveOneOut = options.Remove("--leave-one-out");
        var names = options.Count > 0 ? options.ToArray() : DefaultDataSets;
        using var evidence = evidencePath is null ? null : new StreamWriter(evidencePath);
        evidence?.WriteLine("dataset,fraction,seed,trainer,labels,supervised_test,candidate,candidate_test,auto_choice,auto_test,fold_candidate,fold_supervised,fold_candidate_only,fold_supervised_only,fold_rows,folds,evidence");
        Console.WriteLine($"| data set | trainer | labels | supervised | {string.Join(" | ", Candidates)} | Auto | Auto's choice (per seed) | targets |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var name in names)
        {
            var data = Scaled(TableData.Load(name));
            foreach (var trainer in name == "clusters" ? ["fasttree"] : trainers)
            {
                foreach (var fraction in fractions)
                {
                    var clock = Stopwatch.StartNew();
                    var cells = seeds.Select(seed => Measure(name, trainer, data, fraction, seed, repeats, leaveOneOut)).ToArray();
                    Console.WriteLine(Row(name, trainer, fraction, cells) + FormattableString.Invariant($" <!-- {clock.Elapsed.TotalSeconds:F0} s -->"));
                    if (evidence is not null)
                    {
                        foreach (var (cell, seed) in cells.Zip(seeds))
                            WriteEvidence(evidence, name, fraction, seed, trainer, cell);
                        evidence.Flush();
                    }
                }
            }
        }
        return 0;
    }

    /// <summary>Removes the option <paramref name="name"/> and its value from <paramref name="options"/> and returns the value; null when absent.</summary>
    internal static string? Take(List<string> options, string name)
    {
        int i = options.IndexOf(name);
        if (i < 0)
            return null;
        string value = options[i + 1];
        options.RemoveRange(i, 2);
        return value;
    }

    private static void WriteEvidence(StreamWriter writer, string name, double fraction, int seed, string trainer, Cell cell)
    {
        for (int i = 0; i < Candidates.Length; i++)
        {
            var result = cell.Report.Candidates.FirstOrDefault(c => c.Name == Candidates[i]);
            string Join<T>(IEnumerable<T> values) => string.Join(";", values.Select(v => string.Format(CultureInfo.InvariantCulture, "{0}", v)));
            var counts = result?.FoldCounts ?? [];
            writer.WriteLine(string.Join(",", name, fraction.ToString(CultureInfo.InvariantCulture), seed, trainer, cell.Labels, F(cell.Supervised), Candidates[i], F(cell.Candidates[i]),
                cell.Report.ChosenCandidate, F(cell.Auto), Join(result?.FoldAccuracies ?? []), Join(result?.SupervisedFoldAccuracies ?? []),
                Join(counts.Select(c => c.CandidateOnly)), Join(counts.Select(c => c.SupervisedOnly)), Join(counts.Select(c => c.TestRows)), cell.Report.NumberOfFolds,
                cell.Report.Evidence));
        }
    }

    private sealed record Cell(int Labels, double Supervised, double[] Candidates, double Auto, string Choice, AutoReport Report);

    private static string Row(string name, string trainer, double fraction, Cell[] cells)
    {
        double supervised = cells.Average(c => c.Supervised);
        var candidates = Enumerable.Range(0, Candidates.Length).Select(i => cells.Average(c => c.Candidates[i])).ToArray();
        double auto = cells.Average(c => c.Auto);
        double best = candidates.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max();
        var missed = new List<string>();
        if (auto < supervised - 0.01)
            missed.Add(FormattableString.Invariant($"MISS safe ({100 * (auto - supervised):+0.0} points)"));
        if (best >= supervised + 0.02 && auto - supervised < 0.7 * (best - supervised))
            missed.Add(FormattableString.Invariant($"MISS gain (kept {100 * (auto - supervised) / (best - supervised):0} % of {100 * (best - supervised):+0.0})"));
        return string.Join(" | ",
            $"| {name}", trainer, FormattableString.Invariant($"{fraction:P0} ({cells.Average(c => c.Labels):0})"), F(supervised),
            string.Join(" | ", candidates.Select(F)), F(auto), string.Join(", ", cells.Select(c => c.Choice)),
            missed.Count == 0 ? "met" : string.Join("; ", missed)) + " |";
    }

    private static string F(double accuracy) => double.IsNaN(accuracy) ? "skipped" : accuracy.ToString("F3", CultureInfo.InvariantCulture);

    private static Cell Measure(string name, string trainer, CsvDataSet data, double fraction, int seed, int repeats, bool leaveOneOut)
    {
        var ml = new MLContext(seed);
        var split = SemiSupervisedSplit.Create(data, fraction, seed);
        var train = DataViews.Train(ml, data, split);
        var test = DataViews.Test(ml, data, split);
        var truth = split.TestRows.Select(r => data.Labels[r]).ToArray();
        // "defaults": ML.NET's L-BFGS with its own defaults (L1 = 1, L2 = 1); "l2": L1 = 0, L2 = 1 (scikit-learn's LogisticRegression, C = 1).
        float l1 = trainer == "l2" ? 0f : 1f;
        if (trainer == "fasttree")
            return Measure(ml, () => ml.BinaryClassification.Trainers.FastTree(numberOfLeaves: 8, numberOfTrees: 20, minimumExampleCountPerLeaf: 5), LabelTask.Binary, train, test, truth, split, seed, repeats, leaveOneOut);
        if (data.ClassCount == 2)
            return Measure(ml, () => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(l1Regularization: l1, l2Regularization: 1f), LabelTask.Binary, train, test, truth, split, seed, repeats, leaveOneOut);
        return Measure(ml, () => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(l1Regularization: l1, l2Regularization: 1f), LabelTask.Multiclass, train, test, truth, split, seed, repeats, leaveOneOut);
    }

    private static Cell Measure<TTransformer, TModel>(MLContext ml, Func<ITrainerEstimator<TTransformer, TModel>> trainer, LabelTask task, IDataView train, IDataView test, int[] truth, SemiSupervisedSplit split, int seed, int repeats, bool leaveOneOut)
        where TTransformer : class, ISingleFeaturePredictionTransformer<TModel>
        where TModel : class
    {
        var options = new AutoOptions { Seed = seed, NumberOfRepeats = repeats, LeaveOneOutWithFewLabels = leaveOneOut };
        var trainers = TrainerSource<TTransformer>.From(trainer);
        double supervised = TableData.Accuracy(AutoCandidates.Supervised(ml, trainers, task, options)().Fit(train), test, truth);
        var candidates = AutoCandidates.Defaults<TTransformer, TModel>(ml, trainers, TrainerSource<ITransformer>.From(trainer), task, options)
            .Select(c => Try(() => TableData.Accuracy(c.Create(seed).Fit(train), test, truth))).ToArray();
        var model = AutoEstimator.Create(ml, trainer, task, options).Fit(train);
        return new Cell(split.LabeledCount, supervised, candidates, TableData.Accuracy(model, test, truth), TableData.Short(model.Report.ChosenCandidate), model.Report);
    }

    private static double Try(Func<double> measure)
    {
        try
        {
            return measure();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return double.NaN;
        }
    }

    /// <summary>Every feature divided by its largest absolute value (features that are all 0 stay 0).</summary>
    internal static CsvDataSet Scaled(CsvDataSet data)
    {
        var scale = Enumerable.Range(0, data.Dimension).Select(j => data.Features.Max(f => Math.Abs(f[j]))).Select(m => m > 0 ? m : 1).ToArray();
        return CsvDataSet.FromRows(data.Name, data.Features.Select(f => f.Select((v, j) => v / scale[j]).ToArray()).ToArray(), data.Labels);
    }
}
