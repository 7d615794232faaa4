using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Graphs;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// Saving and loading a label spreading model fitted on featurized support tickets (the sparse format,
/// <see cref="LabelPropagationSparseModelFormat"/>; the data and options of <see cref="SparseTextTimedRun"/>): save time
/// and zip size, load time, the loaded model's first use (state read, checksum, inverted index rebuilt) and, alternating
/// round by round so that both see the same load, 1,000 new tickets scored by the live and by the loaded model:
/// <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.Benchmarks -- sparse-save N [ROUNDS]</c>.
/// Times are wall clock with the process's CPU time beside them (the machine is shared).
/// </summary>
public static class SparseSaveRun
{
    /// <summary>Fits on N tickets, then times save, load, first use and the alternating rounds.</summary>
    public static int Run(string[] args)
    {
        int count = int.Parse(args[0], CultureInfo.InvariantCulture);
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var ml = new MLContext(seed: 1);
        var tickets = TicketTexts.Generate(count, 0.03, seed: 7);
        var raw = ml.Data.LoadFromEnumerable(tickets);
        var featurizer = ml.Transforms.Text.FeaturizeText("Features", "Text").Fit(raw);
        var data = ml.Data.Cache(featurizer.Transform(raw));
        var live = ml.SemiSupervised.LabelSpreading(new LabelSpreadingOptions
        {
            NumberOfNeighbors = 10,
            SymmetrizeGraph = true,
            Alpha = 0.9,
            MaximumNumberOfIterations = 100,
        }).Fit(data);
        var rows = live.Model.SparseSearch!.Rows;
        Console.WriteLine($"n={count}: {rows.Dimension} slots, {rows.EntryCount} non-zero values ({(double)rows.EntryCount / count:0.0} a row)");

        var path = Path.Combine(Path.GetTempPath(), $"sparse-save-{Guid.NewGuid():N}.zip");
        try
        {
            var save = Measure(() => ml.Model.Save(live, data.Schema, path));
            Console.WriteLine($"save: {save}, zip {new FileInfo(path).Length / 1e6:0.00} MB");
            ITransformer loaded = null!;
            var load = Measure(() => loaded = new MLContext(seed: 2).Model.Load(path, out _));
            Console.WriteLine($"load (Model.Load): {load}");

            var fresh = ml.Data.Cache(featurizer.Transform(ml.Data.LoadFromEnumerable(TicketTexts.Generate(1000, 0, seed: 8))));
            _ = fresh.GetColumn<string>("Label").Count();
            double loadedSum = 0;
            var firstUse = Measure(() => loadedSum = LoadedModelAlternatingRun.Score(loaded, fresh));
            Console.WriteLine($"loaded model's first 1000 new rows (state read, checksum, index rebuilt, then scoring): {firstUse}");
            if (loadedSum != LoadedModelAlternatingRun.Score(live, fresh))
                throw new InvalidOperationException("The loaded model scores differently from the live one.");

            var (header, state) = LabelPropagationSparseModelFormat.Write(live.Model);
            Console.WriteLine($"state: {state.Length / 1e6:0.00} M Singles ({state.Length * 4 / 1e6:0} MB)");
            Console.WriteLine($"  read alone (checksum, checks, rows, index): {Measure(() => LabelPropagationSparseModelFormat.Read(header, state))}");
            Console.WriteLine($"  of which the inverted index alone: {Measure(() => GC.KeepAlive(new SparseNeighborSearch(rows)))}");

            var liveTimes = new List<double>();
            var loadedTimes = new List<double>();
            for (int round = 0; round < rounds; round++)
            {
                liveTimes.Add(LoadedModelAlternatingRun.Time(live, fresh));
                loadedTimes.Add(LoadedModelAlternatingRun.Time(loaded, fresh));
            }
            double liveMedian = LoadedModelAlternatingRun.Median(liveTimes), loadedMedian = LoadedModelAlternatingRun.Median(loadedTimes);
            Console.WriteLine($"{rounds} alternating rounds of 1000 new rows: live median {liveMedian:0} ms ({1000 / liveMedian * 1000:0} rows/s), " +
                $"loaded median {loadedMedian:0} ms ({1000 / loadedMedian * 1000:0} rows/s), ratio loaded/live {loadedMedian / liveMedian:0.00}");
            Console.WriteLine($"  live   : {string.Join(" ", liveTimes.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))}");
            Console.WriteLine($"  loaded : {string.Join(" ", loadedTimes.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))}");
            Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB");
        }
        finally
        {
            File.Delete(path);
        }
        return 0;
    }

    /// <summary>Runs <paramref name="action"/> once: its wall-clock and CPU time, as text.</summary>
    private static string Measure(Action action)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        action();
        double wall = watch.Elapsed.TotalMilliseconds;
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        return $"{wall:0} ms wall, {cpu:0} ms CPU";
    }
}
