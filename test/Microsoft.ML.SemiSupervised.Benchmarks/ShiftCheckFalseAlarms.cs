using System.Globalization;
using Microsoft.ML.SemiSupervised.Diagnostics;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// How often the distribution shift check flags data that is not shifted: labels hidden at random
/// (<see cref="SemiSupervisedSplit"/>, so the labeled rows are a random sample of the rows by construction), on the
/// data sets of Auto's table, per labeled fraction; each split is counted under the AUC threshold alone (the rule
/// before the p-value) and under the threshold with the p-value below 1 % (<see cref="DistributionShiftReport.IsShifted"/>).
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.Benchmarks -- shift-false-alarms [--seeds 20]
/// [data sets...]</c> (default iris wine breast_cancer moons overlapping digits). docs/distribution-shift.md has the results.
/// </remarks>
public static class ShiftCheckFalseAlarms
{
    /// <summary>Prints one markdown row per data set and fraction.</summary>
    public static int Run(string[] arguments)
    {
        var options = arguments.ToList();
        int seeds = int.Parse(AutoTable.Take(options, "--seeds") ?? "20", CultureInfo.InvariantCulture);
        var names = options.Count > 0 ? options.ToArray() : ["iris", "wine", "breast_cancer", "moons", "overlapping", "digits"];
        Console.WriteLine("| data set | labeled fraction | labeled rows (mean) | splits | AUC: mean, max | flagged by the threshold alone | flagged with p < 0.01 |");
        Console.WriteLine("|---|---|---:|---:|---|---:|---:|");
        foreach (var name in names)
        {
            var data = TableData.Load(name);
            foreach (double fraction in new[] { 0.01, 0.05, 0.10 })
            {
                var reports = Enumerable.Range(1, seeds).Select(seed =>
                {
                    var ml = new MLContext(seed);
                    var view = DataViews.Train(ml, data, SemiSupervisedSplit.Create(data, fraction, seed));
                    return ml.SemiSupervised.CheckDistributionShift(view, new DistributionShiftOptions { Seed = seed });
                }).ToArray();
                Console.WriteLine(FormattableString.Invariant(
                    $"| {name} | {fraction:P0} | {reports.Average(r => r.LabeledCount):F0} | {seeds} | {reports.Average(r => r.Auc):F3}, {reports.Max(r => r.Auc):F3} | {reports.Count(r => r.Auc >= r.Threshold)} | {reports.Count(r => r.IsShifted)} |"));
            }
        }
        return 0;
    }
}
