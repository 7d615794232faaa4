using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// The two exact-search kernels of <see cref="ExactNeighborSearchBenchmarks"/> timed alternately (old, new, new, old, ...)
/// on the same rows, so that a busy shared machine slows both alike and the per-round ratio holds:
/// <c>Microsoft.ML.SemiSupervised.Benchmarks exact-search [rows] [rounds] [dimension ...]</c> (defaults 20000, 6, 20 64).
/// </summary>
public static class ExactSearchComparison
{
    /// <summary>Runs the comparison and prints one line per round and a median per dimension.</summary>
    public static void Run(string[] args)
    {
        int rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 6;
        var dimensions = args.Length > 2 ? args[2..].Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [20, 64];
        foreach (int dimension in dimensions)
        {
            var benchmark = new ExactNeighborSearchBenchmarks { Rows = rows, Dimension = dimension };
            benchmark.Setup();
            var same = benchmark.NormExpansion().SequenceEqual(benchmark.Differences());
            Console.WriteLine($"{rows} x {dimension}: same neighbours from both kernels: {same}");
            var ratios = new List<double>();
            var old = new List<double>();
            var current = new List<double>();
            for (int round = 0; round < rounds; round++)
            {
                bool oldFirst = round % 2 == 0;
                double a = Time(oldFirst ? benchmark.NormExpansion : benchmark.Differences);
                double b = Time(oldFirst ? benchmark.Differences : benchmark.NormExpansion);
                double o = oldFirst ? a : b, c = oldFirst ? b : a;
                old.Add(o);
                current.Add(c);
                ratios.Add(c / o);
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  round {0}: norm expansion {1:0.000} s, differences {2:0.000} s, ratio {3:0.00}",
                    round + 1, o, c, c / o));
            }
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  median: norm expansion {0:0.000} s, differences {1:0.000} s, ratio {2:0.00}",
                Median(old), Median(current), Median(ratios)));
        }
    }

    private static double Time(Func<int[]> search)
    {
        var watch = Stopwatch.StartNew();
        search();
        return watch.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
