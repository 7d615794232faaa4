using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// The search index of a fitted label propagation alone, outside ML.NET's pipeline: builds the NN-descent lists and
/// the index over N generated rows (the blobs of <see cref="LabelPropagationData"/>), then queries Q new rows
/// (the next Q rows of the same generator) through the index and the frozen search before it (alternating; with
/// INDEX_SEARCH_FLOAT=1 also the float walks of earlier passes) and, on a sample, exactly, and prints the rates and the recall:
/// <c>Microsoft.ML.SemiSupervised.Benchmarks index-search N [Q] [ROUNDS] [WIDTH ...]</c> (defaults 100000, 20000, 3, the
/// index's own search width). The recall is measured on a sample of the new rows against exact search.
/// INDEX_SEARCH_RERANK (e.g. <c>20,30</c>) adds the index's search re-ranking that many of its nearest rows.
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
        int[] widths = args.Length > 3 ? args[3..].Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [NeighborGraphIndex.SearchWidthFor(count)];
        // New rows from the same blobs: the rows after the first N of the same generator (its first N rows are the model's).
        var all = LabelPropagationData.Generate(count + queryCount).Features;
        var points = ToPoints(all[..count]);
        var queries = ToPoints(all[count..]);

        var index = LoadOrBuild(points, count);
        var copy = Stopwatch.StartNew();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        double linksPerRow = index.SearchLinksPerRow; // the first use gathers the links and makes what the search reads
        double layout = copy.Elapsed.TotalSeconds;
        double layoutCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "  the search follows {0:0.0} links a row (diversified from {1} slots) and walks an 8-bit copy of the rows ({2:0.0} MB): made at the first search in {3:0.00} s ({4:0.00} s of CPU)",
            linksPerRow, index.Degree, index.CompactRowBytes / 1e6, layout, layoutCpu));
        copy.Restart();
        var compactBefore = new CompactRowsIndexSearch(index);
        // INDEX_SEARCH_FLOAT=1 also runs the float walks of the passes before (b01ca8d, bdf6a4f).
        bool floatWalks = Environment.GetEnvironmentVariable("INDEX_SEARCH_FLOAT") == "1";
        var leafOrder = floatWalks ? new LeafOrderIndexSearch(index) : null;
        var floatRows = floatWalks ? new FloatRowsIndexSearch(index) : null;
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  the before searches' copies in leaf order: {0:0.00} s", copy.Elapsed.TotalSeconds));
        // INDEX_SEARCH_RERANK: a comma-separated list of re-rank counts to measure beside the index's own (its default).
        var reranks = (Environment.GetEnvironmentVariable("INDEX_SEARCH_RERANK") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray();
        var searches = new List<(string Name, SearchMethod Search, Func<int> Visited)>();
        if (leafOrder is not null && floatRows is not null)
        {
            searches.Add(("float rows, stored links (b01ca8d)", leafOrder.Search, () => LeafOrderIndexSearch.LastVisitedCount));
            searches.Add(("float rows, diversified links (bdf6a4f)", floatRows.Search, () => FloatRowsIndexSearch.LastVisitedCount));
        }
        searches.Add(("8-bit rows, all re-ranked (before, 8d1306f)", compactBefore.Search, () => CompactRowsIndexSearch.LastVisitedCount));
        searches.Add(("index (after)", index.Search, () => NeighborGraphIndex.LastVisitedCount));
        // INDEX_SEARCH_EXPERIMENT: semicolon-separated switch sets of IndexSearchExperiment (e.g. "keys;keys+bitmap").
        foreach (var flags in (Environment.GetEnvironmentVariable("INDEX_SEARCH_EXPERIMENT") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var experiment = new IndexSearchExperiment(index, compactBefore, flags);
            searches.Add(($"experiment {flags}", experiment.Search, () => IndexSearchExperiment.LastVisitedCount));
        }
        foreach (int rerank in reranks)
        {
            searches.Add(($"index, {rerank} re-ranked", (q, i, d, w) => index.Search(q, i, d, w, rerank), () => NeighborGraphIndex.LastVisitedCount));
        }
        var watch = Stopwatch.StartNew();

        int sample = Math.Min(queryCount, Math.Max(500, (int)(2e9 / ((double)count * points.Dimension))));
        var exactIndices = new int[sample * K];
        watch.Restart();
        Parallel.For(0, sample, q => ExactNeighborSearch.Query(points, queries[q], exactIndices.AsSpan(q * K, K), new float[K]));
        double exact = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  exact search: {0:N0} rows/s on all cores ({1} rows)", sample / exact, sample));
        var approximateIndices = new int[queryCount * K];
        foreach (int width in widths)
        {
            for (int round = 0; round < rounds; round++)
            {
                // Alternating on the same rows: the 8-bit walk of 8d1306f (before) and the index's own (after),
                // with INDEX_SEARCH_FLOAT=1 first the float walks of the passes before it.
                foreach (var (name, method, visited) in searches)
                {
                    void Search(int q) => method(queries[q], approximateIndices.AsSpan(q * K, K), new float[K], width);
                    watch.Restart();
                    Parallel.For(0, queryCount, Search);
                    double indexed = watch.Elapsed.TotalSeconds;
                    int single = Math.Min(queryCount, 5000);
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    for (int q = 0; q < single; q++)
                        Search(q);
                    double cpuPerQuery = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / single;
                    long visits = 0;
                    for (int q = 0; q < 200; q++)
                    {
                        method(queries[q], new int[K], new float[K], width);
                        visits += visited();
                    }
                    long found = 0;
                    for (int q = 0; q < sample; q++)
                    {
                        var mine = approximateIndices.AsSpan(q * K, K);
                        foreach (int j in exactIndices.AsSpan(q * K, K))
                            found += mine.Contains(j) ? 1 : 0;
                    }
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                        "  width {0}, round {1}, {2}: recall {3:P2}, {4} distances and {5:0.0} us of CPU a row on one thread ({6:N0} rows per CPU second); all cores {7:N0} rows/s (wall)",
                        width, round + 1, name, (double)found / (sample * K), visits / 200, cpuPerQuery, 1e6 / cpuPerQuery, queryCount / indexed));
                }
            }
        }
        return 0;
    }

    /// <summary>
    /// The index over the first <paramref name="count"/> rows: NN-descent and the index build (timed), or, when
    /// INDEX_SEARCH_CACHE names a folder holding them from an earlier run with the same N, the saved index (the rows are
    /// the same for the same N, so a 1M index is built once and the searches can be rerun in seconds).
    /// </summary>
    internal static NeighborGraphIndex LoadOrBuild(PointSet points, int count)
    {
        string? folder = Environment.GetEnvironmentVariable("INDEX_SEARCH_CACHE");
        string? path = folder is null ? null : Path.Combine(folder, $"index-search-{count}.bin");
        if (path is not null && File.Exists(path))
        {
            var bytes = File.ReadAllBytes(path);
            var read = Stopwatch.StartNew();
            var saved = NeighborGraphIndex.FromIntegers(points, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(bytes));
            if (saved is not null)
            {
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "n={0}: index read from {1} and prepared in {2:0.00} s ({3} links a row, {4} leaves)",
                    count, path, read.Elapsed.TotalSeconds, saved.Degree, saved.Tree.LeafCount));
                return saved;
            }
        }
        var watch = Stopwatch.StartNew();
        var lists = NearestNeighborDescent.SearchLong(points, K - 1, seed: 1, out var tree);
        double descent = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var index = NeighborGraphIndex.Build(points, lists, tree, seed: 1);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        index.LinksByRow(); // the links, gathered from the lists at the first use (the fit no longer does it)
        double build = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  links gathered from the lists: {0:0.00} s of CPU", (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "n={0}: NN-descent ({1} a row) {2:0.00} s, index build {3:0.00} s ({4} links a row, {5} leaves)",
            count, lists.K, descent, build, index.Degree, index.Tree.LeafCount));
        if (path is not null)
        {
            Directory.CreateDirectory(folder!);
            File.WriteAllBytes(path, System.Runtime.InteropServices.MemoryMarshal.AsBytes(index.ToIntegers().AsSpan()).ToArray());
        }
        return index;
    }

    private delegate void SearchMethod(ReadOnlySpan<float> query, Span<int> indices, Span<float> distances, int width);

    private static PointSet ToPoints(float[][] rows) => new(rows.SelectMany(r => r).ToArray(), rows[0].Length);
}
