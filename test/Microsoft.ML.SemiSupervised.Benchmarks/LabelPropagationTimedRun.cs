using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.LabelPropagation;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// One timed label spreading fit outside BenchmarkDotNet, for sizes too large for repeated runs and for peak-memory
/// measurement with <c>/usr/bin/time -v</c>:
/// <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.Benchmarks -- label-propagation N [--write-csv] [--exact] [--directed]</c>.
/// <c>--directed</c> fits with the scikit-learn-compatible setting (<c>SymmetrizeGraph = false</c>, no fallback), the
/// defaults before 2026-11-30, to compare the cost of the symmetric graph side by side.
/// </summary>
public static class LabelPropagationTimedRun
{
    /// <summary>Generates N rows, fits LabelSpreading(k = 10) and prints the time, iterations and accuracy.</summary>
    public static int Run(string[] args)
    {
        int count = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
        var (features, labels, truth) = LabelPropagationData.Generate(count);
        if (args.Contains("--write-csv"))
        {
            LabelPropagationData.WriteCsv($"artifacts/blobs_{count}.csv", features, labels);
            Console.WriteLine($"wrote artifacts/blobs_{count}.csv");
            return 0;
        }
        // A batch job: no background GC, so the heap is compacted before it grows (lower peak memory).
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.Batch;
        var mlContext = new MLContext(seed: 1);
        mlContext.Log += (_, e) =>
        {
            if (e.Source.StartsWith("LabelSpreading", StringComparison.Ordinal))
                Console.WriteLine(e.Message);
        };
        var data = LabelPropagationData.ToDataView(mlContext, features, labels);
        var options = new LabelSpreadingOptions { NumberOfNeighbors = 10 };
        if (args.Contains("--exact"))
            options.NeighborSearch = NeighborSearch.Exact;
        if (args.Contains("--directed"))
        {
            options.SymmetrizeGraph = false;
            options.UnreachedRowFallback = UnreachedRowFallback.None;
        }
        var watch = Stopwatch.StartNew();
        var model = mlContext.SemiSupervised.LabelSpreading(options).Fit(data);
        var fit = watch.Elapsed;
        var predicted = model.Transform(data).GetColumn<float>("PropagatedLabel").ToArray();
        int hidden = 0, correct = 0;
        for (int i = 0; i < count; i++)
        {
            if (!float.IsNaN(labels[i]))
                continue;
            hidden++;
            if (predicted[i] == truth[i])
                correct++;
        }
        Console.WriteLine($"n={count} fit {fit.TotalSeconds:0.00} s, iterations {model.Report.NumberOfIterations}, " +
            $"converged {model.Report.Converged}, accuracy {(double)correct / hidden:P2}, transform+read {(watch.Elapsed - fit).TotalSeconds:0.00} s, " +
            $"graph weights {model.Report.GraphEntryCount}, fallback rows {model.Report.FallbackRowCount}, unreached {model.Report.UnreachedRowCount}, " +
            $"process CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:0.0} s");
        return 0;
    }
}
