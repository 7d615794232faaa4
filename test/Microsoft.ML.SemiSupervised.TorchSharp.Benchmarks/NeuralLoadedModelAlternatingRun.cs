using System.Diagnostics;
using System.Globalization;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Benchmarks;

/// <summary>
/// The live-against-loaded comparison of <see cref="NeuralLoadedModelBenchmarks"/>, alternating the two models round by
/// round so that both see the same load on a shared machine (BenchmarkDotNet runs one method's iterations after the
/// other's), with the process's CPU time beside the wall time:
/// <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.TorchSharp.Benchmarks -- loaded-vs-live [ROWS] [ROUNDS]</c>
/// (defaults 10000 and 10).
/// </summary>
public static class NeuralLoadedModelAlternatingRun
{
    /// <summary>Fits, saves and loads the digits model, then times ROWS rows per round, live and loaded alternately.</summary>
    public static int Run(string[] args)
    {
        int count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var (context, live, loaded, _) = DigitsScoringModel.FitSaveLoad();
        var rows = DigitsScoringModel.Rows(context, count);
        var firstUse = Stopwatch.StartNew();
        double loadedSum = DigitsScoringModel.Score(loaded, rows);
        Console.WriteLine($"{count} rows: the loaded model's first pass (network built once) {firstUse.Elapsed.TotalMilliseconds:0} ms");
        if (loadedSum != DigitsScoringModel.Score(live, rows))
            throw new InvalidOperationException("The loaded model scores differently from the live one.");
        var liveTimes = new List<(double Wall, double Cpu)>();
        var loadedTimes = new List<(double Wall, double Cpu)>();
        for (int round = 0; round < rounds; round++)
        {
            liveTimes.Add(Time(live, rows));
            loadedTimes.Add(Time(loaded, rows));
        }
        double liveWall = Median(liveTimes.Select(t => t.Wall)), loadedWall = Median(loadedTimes.Select(t => t.Wall));
        double liveCpu = Median(liveTimes.Select(t => t.Cpu)), loadedCpu = Median(loadedTimes.Select(t => t.Cpu));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count} rows, {rounds} alternating rounds: live median {liveWall:0} ms wall / {liveCpu:0} ms CPU, loaded median {loadedWall:0} ms wall / {loadedCpu:0} ms CPU; loaded / live {loadedWall / liveWall:0.00} (wall), {loadedCpu / liveCpu:0.00} (CPU)"));
        Console.WriteLine($"  live   (wall ms): {string.Join(" ", liveTimes.Select(t => t.Wall.ToString("0", CultureInfo.InvariantCulture)))}");
        Console.WriteLine($"  loaded (wall ms): {string.Join(" ", loadedTimes.Select(t => t.Wall.ToString("0", CultureInfo.InvariantCulture)))}");
        return 0;
    }

    private static (double Wall, double Cpu) Time(ITransformer model, IDataView rows)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        DigitsScoringModel.Score(model, rows);
        double wall = watch.Elapsed.TotalMilliseconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
    }
}
