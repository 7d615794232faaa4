using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.LabelPropagation;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// New rows through a fitted label spreading (kNN, k = 10), live and after save/load, alternating round by round:
/// <c>Microsoft.ML.SemiSupervised.Benchmarks new-rows N [Q] [ROUNDS] [--exact]</c> (defaults 100000, 10000, 5). The model
/// is fitted on the first N rows of <see cref="LabelPropagationData"/>; the new rows are the next Q rows of the same
/// generator (the same blobs, unlabeled for the model), the rows <c>scripts/label_propagation_reference.py predict N Q</c>
/// gives scikit-learn (CSV written by <c>label-propagation N+Q --write-csv</c>). <c>--exact</c> fits with exact search
/// (no index: every new row compared with every stored row).
/// </summary>
public static class NewRowsTimedRun
{
    /// <summary>Fits, saves, loads, then times Q new rows per round through both models and prints rows per second.</summary>
    public static int Run(string[] args)
    {
        int count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        int queryCount = args.Length > 1 && !args[1].StartsWith('-') ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        int rounds = args.Length > 2 && !args[2].StartsWith('-') ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var (features, labels, truth) = LabelPropagationData.Generate(count + queryCount);
        var mlContext = new MLContext(seed: 1);
        var data = LabelPropagationData.ToDataView(mlContext, features[..count], labels[..count]);
        var options = new LabelSpreadingOptions { NumberOfNeighbors = 10, Seed = 1 };
        if (args.Contains("--exact"))
            options.NeighborSearch = NeighborSearch.Exact;
        var watch = Stopwatch.StartNew();
        var live = mlContext.SemiSupervised.LabelSpreading(options).Fit(data);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "n={0}: fit {1:0.00} s, index {2}", count, watch.Elapsed.TotalSeconds,
            live.Model.Index is { } index ? $"{index.Degree} links a row" : "none (exact search)"));
        using var stream = new MemoryStream();
        mlContext.Model.Save(live, data.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext(seed: 2).Model.Load(stream, out _);
        var queries = mlContext.Data.Cache(LabelPropagationData.ToDataView(mlContext, features[count..], new float[queryCount]));
        watch.Restart();
        var loadedClasses = Classes(loaded, queries);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  loaded model's first {0} rows (state read once): {1:0.00} s", queryCount, watch.Elapsed.TotalSeconds));
        var liveClasses = Classes(live, queries);
        if (!liveClasses.SequenceEqual(loadedClasses))
            throw new InvalidOperationException("The loaded model predicts differently from the live one.");
        int correct = liveClasses.Where((c, i) => c == truth[count + i] + 1).Count();
        var liveRates = new List<double>();
        var loadedRates = new List<double>();
        var liveCpu = new List<double>();
        var loadedCpu = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            var (seconds, cpu) = Time(live, queries);
            liveRates.Add(queryCount / seconds);
            liveCpu.Add(queryCount / cpu);
            (seconds, cpu) = Time(loaded, queries);
            loadedRates.Add(queryCount / seconds);
            loadedCpu.Add(queryCount / cpu);
        }
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "  {0} new rows, {1} alternating rounds: live median {2:N0} rows/s, loaded median {3:N0} rows/s (accuracy on the new rows {4:P2})",
            queryCount, rounds, Median(liveRates), Median(loadedRates), (double)correct / queryCount));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "  per CPU second (what one idle core would do): live median {0:N0} rows, loaded median {1:N0} rows", Median(liveCpu), Median(loadedCpu)));
        Console.WriteLine("  live   : " + string.Join(" ", liveRates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture))));
        Console.WriteLine("  loaded : " + string.Join(" ", loadedRates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture))));
        return 0;
    }

    /// <summary>The wall-clock seconds and the process's CPU seconds one pass over <paramref name="rows"/> takes.</summary>
    private static (double Seconds, double CpuSeconds) Time(ITransformer model, IDataView rows)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        Classes(model, rows);
        return (watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    private static uint[] Classes(ITransformer model, IDataView rows) => model.Transform(rows).GetColumn<uint>("PredictedLabel").ToArray();

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
    }
}
