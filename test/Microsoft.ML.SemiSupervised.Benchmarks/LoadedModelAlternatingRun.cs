using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.LabelPropagation;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// The live-against-loaded comparison of <see cref="LoadedModelBenchmarks"/>, alternating the two models round by
/// round so that both see the same load on a shared machine (BenchmarkDotNet runs one method's iterations after the
/// other's): <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.Benchmarks -- loaded-vs-live N [ROUNDS]</c>.
/// </summary>
public static class LoadedModelAlternatingRun
{
    /// <summary>Fits label spreading (k = 10) on N generated rows, saves and loads it, then times 1000 new rows per round, alternately.</summary>
    public static int Run(string[] args)
    {
        int count = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
        int rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
        var mlContext = new MLContext(seed: 1);
        var (features, labels, _) = LabelPropagationData.Generate(count);
        var data = LabelPropagationData.ToDataView(mlContext, features, labels);
        var live = mlContext.SemiSupervised.LabelSpreading(new LabelSpreadingOptions { NumberOfNeighbors = 10 }).Fit(data);
        using var stream = new MemoryStream();
        mlContext.Model.Save(live, data.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext(seed: 2).Model.Load(stream, out _);
        var (queryFeatures, queryLabels, _) = LabelPropagationData.Generate(1000, seed: 7);
        var queries = mlContext.Data.Cache(LabelPropagationData.ToDataView(mlContext, queryFeatures, queryLabels));
        var firstUse = Stopwatch.StartNew();
        double loadedSum = Score(loaded, queries);
        Console.WriteLine($"n={count}: loaded model's first 1000 rows (state read once) {firstUse.Elapsed.TotalMilliseconds:0} ms");
        if (loadedSum != Score(live, queries))
            throw new InvalidOperationException("The loaded model scores differently from the live one.");
        var liveTimes = new List<double>();
        var loadedTimes = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            liveTimes.Add(Time(live, queries));
            loadedTimes.Add(Time(loaded, queries));
        }
        double liveMedian = Median(liveTimes), loadedMedian = Median(loadedTimes);
        Console.WriteLine($"n={count}: {rounds} alternating rounds of 1000 rows: live median {liveMedian:0} ms, loaded median {loadedMedian:0} ms, ratio {loadedMedian / liveMedian:0.00}");
        Console.WriteLine($"  live   : {string.Join(" ", liveTimes.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))}");
        Console.WriteLine($"  loaded : {string.Join(" ", loadedTimes.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))}");
        return 0;
    }

    /// <summary>Milliseconds to score <paramref name="rows"/> with <paramref name="model"/> (shared by the alternating runners).</summary>
    internal static double Time(ITransformer model, IDataView rows)
    {
        var watch = Stopwatch.StartNew();
        Score(model, rows);
        return watch.Elapsed.TotalMilliseconds;
    }

    internal static double Score(ITransformer model, IDataView rows) => model.Transform(rows).GetColumn<float>("Confidence").Sum();

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
    }
}
