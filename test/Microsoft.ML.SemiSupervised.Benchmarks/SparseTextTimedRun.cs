using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// Label spreading (the tests' options for text: 10 neighbours, symmetric graph, Alpha 0.9) and the distribution
/// shift check on featurized support-ticket texts (the tests' generator, 3 % labeled), timed outside BenchmarkDotNet, for peak memory with <c>/usr/bin/time -v</c>:
/// <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.Benchmarks -- sparse-text N [--fit-only] [--variants]</c>
/// (<c>--fit-only</c>: stop after the default fit; <c>--variants</c>: also fit label spreading and propagation with other options).
/// </summary>
public static class SparseTextTimedRun
{
    /// <summary>Generates and featurizes N tickets, then times the fit, the transform of 1,000 new tickets, and the shift check.</summary>
    public static int Run(string[] args)
    {
        int count = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.Batch;
        var mlContext = new MLContext(seed: 1);
        mlContext.Log += (_, e) =>
        {
            if (e.Source.StartsWith("LabelSpreading", StringComparison.Ordinal) && e.Kind != Runtime.ChannelMessageKind.Trace)
                Console.WriteLine(e.Message);
        };
        var tickets = TicketTexts.Generate(count, 0.03, seed: 7);
        var newTickets = TicketTexts.Generate(1000, 0, seed: 8);
        var watch = Stopwatch.StartNew();
        var raw = mlContext.Data.LoadFromEnumerable(tickets);
        var featurizer = mlContext.Transforms.Text.FeaturizeText("Features", "Text").Fit(raw);
        var data = mlContext.Data.Cache(featurizer.Transform(raw));
        _ = data.GetColumn<string>("Label").Count();
        int dimension = ((VectorDataViewType)data.Schema["Features"].Type).Size;
        Console.WriteLine($"n={count} featurized in {watch.Elapsed.TotalSeconds:0.00} s: {dimension} slots");

        watch.Restart();
        var model = mlContext.SemiSupervised.LabelSpreading(new LabelSpreadingOptions
        {
            NumberOfNeighbors = 10,
            SymmetrizeGraph = true,
            Alpha = 0.9,
            MaximumNumberOfIterations = 100,
        }).Fit(data);
        var fit = watch.Elapsed;
        var predicted = model.Transform(data).GetColumn<string>("PropagatedLabel").ToArray();
        Console.WriteLine($"fit {fit.TotalSeconds:0.00} s, accuracy on hidden rows {TicketTexts.HiddenAccuracy(tickets, predicted):P2}, " +
            $"transform+read {(watch.Elapsed - fit).TotalSeconds:0.00} s, GC heap {GC.GetTotalMemory(false) / 1e6:0} MB");

        if (args.Contains("--fit-only"))
        {
            Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB");
            return 0;
        }
        if (args.Contains("--variants"))
        {
            foreach (var (name, options) in new (string, GraphLabelingOptions)[]
            {
                ("spreading k=10 sym", new LabelSpreadingOptions { NumberOfNeighbors = 10, SymmetrizeGraph = true }),
                ("spreading k=10 alpha=0.9", new LabelSpreadingOptions { NumberOfNeighbors = 10, Alpha = 0.9 }),
                ("spreading k=10 sym alpha=0.9", new LabelSpreadingOptions { NumberOfNeighbors = 10, Alpha = 0.9, SymmetrizeGraph = true }),
                ("propagation k=10", new LabelPropagationOptions { NumberOfNeighbors = 10 }),
                ("propagation k=10 sym", new LabelPropagationOptions { NumberOfNeighbors = 10, SymmetrizeGraph = true }),
            })
            {
                var variant = options is LabelSpreadingOptions so ? mlContext.SemiSupervised.LabelSpreading(so).Fit(data) : mlContext.SemiSupervised.LabelPropagation((LabelPropagationOptions)options).Fit(data);
                var p = variant.Transform(data).GetColumn<string>("PropagatedLabel").ToArray();
                Console.WriteLine($"{name}: {TicketTexts.HiddenAccuracy(tickets, p):P2}, unreached {variant.Report.UnreachedRowCount}, iterations {variant.Report.NumberOfIterations}");
            }
            Console.WriteLine($"default spreading unreached {model.Report.UnreachedRowCount}");
        }

        watch.Restart();
        var labeledOnly = mlContext.Data.FilterByCustomPredicate<LabelRow>(data, row => row.Label.Length == 0);
        var baseline = mlContext.Transforms.Conversion.MapValueToKey("Key", "Label")
            .Append(mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy("Key", "Features", l1Regularization: 0))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedTopic", "PredictedLabel"))
            .Fit(labeledOnly);
        var baselinePredicted = baseline.Transform(data).GetColumn<string>("PredictedTopic").ToArray();
        Console.WriteLine($"supervised baseline (L-BFGS maximum entropy, L1 = 0, on the labeled rows): {TicketTexts.HiddenAccuracy(tickets, baselinePredicted):P2} in {watch.Elapsed.TotalSeconds:0.00} s");

        watch.Restart();
        var fresh = featurizer.Transform(mlContext.Data.LoadFromEnumerable(newTickets));
        var newPredicted = model.Transform(fresh).GetColumn<string>("PropagatedLabel").ToArray();
        Console.WriteLine($"1000 new rows: {watch.Elapsed.TotalSeconds:0.00} s (featurizing included), accuracy {TicketTexts.HiddenAccuracy(newTickets, newPredicted):P2}");

        watch.Restart();
        var shift = mlContext.SemiSupervised.CheckDistributionShift(data, new Diagnostics.DistributionShiftOptions { Seed = 1 });
        Console.WriteLine($"shift check {watch.Elapsed.TotalSeconds:0.00} s: {shift}");
        Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB");
        return 0;
    }

    /// <summary>The label column alone.</summary>
    public sealed class LabelRow
    {
        /// <summary>The shown label, empty when hidden.</summary>
        public string Label { get; set; } = "";
    }
}
