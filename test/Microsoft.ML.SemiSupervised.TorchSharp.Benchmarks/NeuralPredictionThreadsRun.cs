using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Benchmarks;

/// <summary>
/// Rows per second of the loaded digits model (<see cref="DigitsScoringModel"/>) in the three ways an application
/// predicts: one Transform read through ML.NET's cursor (which computes the new columns on split cursors, at least two
/// worker threads), one prediction engine on one thread, and THREADS prediction engines on as many threads at once.
/// Each round runs the three in turn; medians over the rounds, wall time and the process's CPU time:
/// <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.TorchSharp.Benchmarks -- prediction-threads [ROWS] [ROUNDS] [THREADS]</c>
/// (defaults 10000, 5 and 2). To compare two builds side by side, run them alternately (scripts/neural-prediction-before-after.sh).
/// </summary>
public static class NeuralPredictionThreadsRun
{
    /// <summary>Fits, saves and loads the digits model, then times ROWS rows per way and round.</summary>
    public static int Run(string[] args)
    {
        int count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        int threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
        var (context, _, loaded, _) = DigitsScoringModel.FitSaveLoad();
        var data = DigitsScoringModel.Rows(context, count);
        var rows = context.Data.CreateEnumerable<DigitsScoringModel.Row>(data, reuseRowObject: false).ToArray();
        double reference = DigitsScoringModel.Score(loaded, data);
        var ways = new (string Name, Func<double> Score)[]
        {
            ("transform (split cursors)", () => DigitsScoringModel.Score(loaded, data)),
            ("1 prediction engine", () => Engines(context, loaded, rows, 1)),
            ($"{threads} prediction engines", () => Engines(context, loaded, rows, threads)),
        };
        var times = ways.Select(_ => new List<(double Wall, double Cpu)>()).ToArray();
        for (int round = 0; round < rounds; round++)
        {
            for (int w = 0; w < ways.Length; w++)
            {
                var (wall, cpu, sum) = Time(ways[w].Score);
                if (Math.Abs(sum - reference) > 1e-3 * Math.Abs(reference))
                    throw new InvalidOperationException($"{ways[w].Name} scored {sum}, the transform {reference}.");
                times[w].Add((wall, cpu));
            }
        }
        for (int w = 0; w < ways.Length; w++)
        {
            double wall = Median(times[w].Select(t => t.Wall)), cpu = Median(times[w].Select(t => t.Cpu));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{ways[w].Name,-26} {count / wall * 1000,9:0} rows/s  {wall,7:0} ms wall  {cpu,7:0} ms CPU  ({cpu * 1000 / count:0.0} us CPU a row)"));
        }
        return 0;
    }

    /// <summary>Predicts every row with <paramref name="engines"/> engines, each on its own thread over its share of the rows; returns the sum of Score[0].</summary>
    private static double Engines(MLContext context, ITransformer model, DigitsScoringModel.Row[] rows, int engines)
    {
        var sums = new double[engines];
        var workers = Enumerable.Range(0, engines).Select(e => new Thread(() =>
        {
            using var engine = context.Model.CreatePredictionEngine<DigitsScoringModel.Row, ScoreRow>(model);
            double sum = 0;
            for (int r = e; r < rows.Length; r += engines)
                sum += engine.Predict(rows[r]).Score[0];
            sums[e] = sum;
        })).ToArray();
        foreach (var worker in workers)
            worker.Start();
        foreach (var worker in workers)
            worker.Join();
        return sums.Sum();
    }

    private static (double Wall, double Cpu, double Sum) Time(Func<double> score)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        double sum = score();
        double wall = watch.Elapsed.TotalMilliseconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu).TotalMilliseconds, sum);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed class ScoreRow
    {
        [VectorType]
        public float[] Score { get; set; } = [];
    }
}
