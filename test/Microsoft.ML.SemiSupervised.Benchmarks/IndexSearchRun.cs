using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// The search index of a fitted label propagation alone, outside ML.NET's pipeline: builds the NN-descent lists and
/// the index over N generated rows (the blobs of <see cref="LabelPropagationData"/>), then queries Q new rows
/// (the next Q rows of the same generator) through the index and, on a sample, exactly, alternating, and prints the rates and the recall:
/// <c>Microsoft.ML.SemiSupervised.Benchmarks index-search N [Q] [ROUNDS]</c> (defaults 100000, 20000, 3).
/// </summary>
public static class IndexSearchRun
{
    private const int K = 10;

    /// <summary>Runs the measurement and prints one line per step.</summary>
    public static int Run(string[] args)
    {
        int count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        int queryCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
        int rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        // New rows from the same blobs: the rows after the first N of the same generator (its first N rows are the model's).
        var all = LabelPropagationData.Generate(count + queryCount).Features;
        var points = ToPoints(all[..count]);
        var queries = ToPoints(all[count..]);

        var watch = Stopwatch.StartNew();
        var lists = NearestNeighborDescent.SearchLong(points, K - 1, seed: 1, out var tree);
        double descent = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var index = NeighborGraphIndex.Build(points, lists, tree, seed: 1);
        double build = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "n={0}: NN-descent ({1} a row) {2:0.00} s, index build {3:0.00} s ({4} links a row, {5} leaves)",
            count, lists.K, descent, build, index.Degree, index.Tree.LeafCount));

        int sample = Math.Min(queryCount, Math.Max(200, (int)(2e9 / ((double)count * points.Dimension))));
        var exactIndices = new int[sample * K];
        var approximateIndices = new int[queryCount * K];
        for (int round = 0; round < rounds; round++)
        {
            watch.Restart();
            Parallel.For(0, queryCount, q =>
                index.Search(queries[q], approximateIndices.AsSpan(q * K, K), new float[K]));
            double indexed = watch.Elapsed.TotalSeconds;
            watch.Restart();
            Parallel.For(0, sample, q =>
                ExactNeighborSearch.Query(points, queries[q], exactIndices.AsSpan(q * K, K), new float[K]));
            double exact = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            long visits = 0;
            for (int q = 0; q < Math.Min(queryCount, 5000); q++)
            {
                index.Search(queries[q], approximateIndices.AsSpan(q * K, K), new float[K]);
                visits += NeighborGraphIndex.LastVisitedCount;
            }
            double single = watch.Elapsed.TotalSeconds;
            double cpuPerQuery = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / Math.Min(queryCount, 5000);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  one thread: {0} distances and {1:0.0} us of CPU a query ({2:N0} rows/s per core of CPU time)",
                visits / Math.Min(queryCount, 5000), cpuPerQuery, 1e6 / cpuPerQuery));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "  round {0}: index {1:N0} rows/s on all cores, {2:N0} rows/s on one; exact {3:N0} rows/s on all cores; ratio {4:0}",
                round + 1, queryCount / indexed, Math.Min(queryCount, 5000) / single, sample / exact, (queryCount / indexed) / (sample / exact)));
        }
        long found = 0;
        for (int q = 0; q < sample; q++)
        {
            var mine = approximateIndices.AsSpan(q * K, K);
            foreach (int j in exactIndices.AsSpan(q * K, K))
                found += mine.Contains(j) ? 1 : 0;
        }
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  recall of the {0} nearest on {1} new rows: {2:P2}", K, sample, (double)found / (sample * K)));
        return 0;
    }

    private static PointSet ToPoints(float[][] rows) => new(rows.SelectMany(r => r).ToArray(), rows[0].Length);
}
