using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.LabelPropagation;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// Label spreading (k = 10) on the generated blobs of <see cref="LabelPropagationData"/> read from a file-backed data
/// view (ML.NET's binary IDV): writes the rows to the file once (seeded, streamed, never all in memory), then fits from
/// <c>LoadFromBinary</c> and prints the wall and CPU time of each step, the peak memory and the accuracy on the hidden
/// labels. Run under <c>/usr/bin/time -v</c> for the peak resident set:
/// <c>dotnet build -c Release test/Microsoft.ML.SemiSupervised.Benchmarks &amp;&amp;
/// /usr/bin/time -v dotnet test/Microsoft.ML.SemiSupervised.Benchmarks/bin/Release/net10.0/Microsoft.ML.SemiSupervised.Benchmarks.dll
/// ten-million [ROWS] [--file PATH] [--write-only] [--directed] [--live] [--plan-only]</c>
/// (ROWS defaults to 10,000,000; PATH to <c>artifacts/blobs_ROWS.idv</c>). Each log line of the fit carries the step's
/// peak resident set and managed heap (<see cref="MemoryTrace"/>); <c>--live</c> forces a full collection at each line
/// to print the bytes still reachable; <c>--directed</c> fits without the symmetric graph and the fallback.
/// </summary>
public static class TenMillionRun
{
    /// <summary>Writes the file if it is missing, then fits from it (unless <c>--write-only</c>).</summary>
    public static int Run(string[] args)
    {
        int count = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal)
            ? int.Parse(args[0], CultureInfo.InvariantCulture)
            : 10_000_000;
        int fileAt = Array.IndexOf(args, "--file");
        string path = fileAt >= 0 ? args[fileAt + 1] : $"artifacts/blobs_{count}.idv";
        var mlContext = new MLContext(seed: 1);
        if (!File.Exists(path))
            Write(mlContext, count, path);
        if (args.Contains("--write-only"))
            return 0;

        // A batch job: no background GC, so the heap is compacted before it grows (lower peak memory).
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.Batch;
        var process = Process.GetCurrentProcess();
        var start = Stopwatch.StartNew();
        var cpuStart = process.TotalProcessorTime;
        using var trace = new MemoryTrace(live: args.Contains("--live"));
        mlContext.Log += (_, e) =>
        {
            if (e.Source.StartsWith("LabelSpreading", StringComparison.Ordinal))
                trace.Line(e.Message);
        };
        var data = mlContext.Data.LoadFromBinary(path);
        var options = new LabelSpreadingOptions { NumberOfNeighbors = 10 };
        if (args.Contains("--directed"))
        {
            options.SymmetrizeGraph = false;
            options.UnreachedRowFallback = UnreachedRowFallback.None;
        }
        var estimator = mlContext.SemiSupervised.LabelSpreading(options);
        long planned = estimator.EstimatePeakMemory(data.GetRowCount() ?? count, LabelPropagationData.Dimension, LabelPropagationData.ClassCount);
        Console.WriteLine($"rows {data.GetRowCount()}, {Environment.ProcessorCount} cores, GC limit {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9:0.0} GB, " +
            $"planned peak {planned / 1e9:0.00} GB");
        var plan = LabelPropagationMemoryPlan.For(options, "Label spreading", data.GetRowCount() ?? count, LabelPropagationData.Dimension, LabelPropagationData.ClassCount);
        foreach (var (step, bytes) in plan.Steps)
            Console.WriteLine($"  planned: {step}: {bytes / 1e9:0.000} GB");
        if (args.Contains("--plan-only"))
            return 0;
        var model = estimator.Fit(data);
        var fitWall = start.Elapsed;
        var fitCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
        long fitPeak = PeakBytes();
        Console.WriteLine($"n={count} fit {fitWall.TotalSeconds:0.0} s wall, {fitCpu.TotalSeconds:0.0} s CPU, peak working set {fitPeak / 1e9:0.00} GB " +
            $"(planned {planned / 1e9:0.00} GB, measured/planned {(double)fitPeak / planned:0.00}), iterations {model.Report.NumberOfIterations}, converged {model.Report.Converged}");

        trace.Line("fitted");
        var (hidden, correct) = Score(model.Transform(data));
        trace.Line("transformed the training rows");
        Console.WriteLine($"accuracy on the {hidden} hidden labels {(double)correct / hidden:P2}; transform+read {(start.Elapsed - fitWall).TotalSeconds:0.0} s; " +
            $"peak working set {PeakBytes() / 1e9:0.00} GB (fit {fitPeak / 1e9:0.00} GB, planned {planned / 1e9:0.00} GB)");
        return 0;
    }

    /// <summary>Streams the generated rows into a binary IDV file (features, shown label, true label).</summary>
    private static void Write(MLContext mlContext, int count, string path)
    {
        var watch = Stopwatch.StartNew();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var schema = SchemaDefinition.Create(typeof(FileRow));
        schema[nameof(FileRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, LabelPropagationData.Dimension);
        var rows = LabelPropagationData.Enumerate(count).Select(r => new FileRow { Features = r.Features, Label = r.Label, Truth = r.Truth });
        string partial = path + ".partial";
        using (var stream = File.Create(partial))
            mlContext.Data.SaveAsBinary(mlContext.Data.LoadFromEnumerable(rows, schema), stream);
        File.Move(partial, path, overwrite: true);
        Console.WriteLine($"wrote {count} rows to {path} ({new FileInfo(path).Length / 1e6:0} MB) in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>The hidden rows and how many of them got their true class, read row by row.</summary>
    private static (long Hidden, long Correct) Score(IDataView scored)
    {
        var schema = scored.Schema;
        using var cursor = scored.GetRowCursor([schema["Label"], schema["Truth"], schema["PropagatedLabel"]]);
        var label = cursor.GetGetter<float>(schema["Label"]);
        var truth = cursor.GetGetter<float>(schema["Truth"]);
        var predicted = cursor.GetGetter<float>(schema["PropagatedLabel"]);
        float shown = 0, actual = 0, guess = 0;
        long hidden = 0, correct = 0;
        while (cursor.MoveNext())
        {
            label(ref shown);
            if (!float.IsNaN(shown))
                continue;
            truth(ref actual);
            predicted(ref guess);
            hidden++;
            if (guess == actual)
                correct++;
        }
        return (hidden, correct);
    }

    private static long PeakBytes()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64;
    }

    /// <summary>One row of the file.</summary>
    public sealed class FileRow
    {
        /// <summary>The features.</summary>
        public float[] Features { get; set; } = [];

        /// <summary>The label, NaN when hidden.</summary>
        public float Label { get; set; }

        /// <summary>The true class.</summary>
        public float Truth { get; set; }
    }
}
