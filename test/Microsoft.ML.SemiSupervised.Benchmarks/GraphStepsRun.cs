using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.ML.SemiSupervised.Graphs;
using Microsoft.ML.SemiSupervised.LabelPropagation;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// The steps of a label spreading fit after the neighbour search, timed one by one on the rows of
/// <see cref="LabelPropagationData"/> with LabelSpreading(k = 10)'s defaults: the graph from the lists, its
/// normalization, the sweeps, the fallback and the model (stored-row lookup):
/// <c>dotnet Microsoft.ML.SemiSupervised.Benchmarks.dll graph-steps N [rounds]</c>. GRAPH_STEPS_CACHE names a folder
/// holding the neighbour lists of an earlier run with the same N (NN-descent, seed 1), so that a 1M run takes seconds
/// and two builds (before and after a change) run on the same lists. Each round prints each step's wall and process CPU
/// seconds, and fingerprints of the graph and of the distributions, which must be equal between builds that claim
/// identical results.
/// </summary>
public static class GraphStepsRun
{
    /// <summary>Runs the steps <c>rounds</c> times (default 3) over the cached or searched lists.</summary>
    public static int Run(string[] args)
    {
        int count = int.Parse(args[0], CultureInfo.InvariantCulture);
        int rounds = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out int given) ? given : 3;
        var (features, labels, _) = LabelPropagationData.Generate(count);
        var points = new PointSet(features.SelectMany(f => f).ToArray(), LabelPropagationData.Dimension);
        var classes = labels.Select(l => float.IsNaN(l) ? -1 : (int)l).ToArray();
        var options = new LabelSpreadingOptions { NumberOfNeighbors = 10 };
        var lists = LoadOrSearch(points, LabelPropagationGraph.NeighborsToFind(options), count);
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.Batch;
        for (int round = 0; round < rounds; round++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var steps = new List<string>();
            var graph = Step(steps, "graph", () => LabelPropagationGraph.FromNeighbors(lists, options));
            ulong graphPrint = Fingerprint((SparseGraph)graph);
            graph = Step(steps, "normalize", graph.NormalizeForSpreading);
            ulong normalizedPrint = Fingerprint((SparseGraph)graph);
            var iteration = new LabelIteration(graph, classes, LabelPropagationData.ClassCount, options.Alpha);
            var stored = Step(steps, "sweeps", () => iteration.Run(options.MaximumNumberOfIterations ?? int.MaxValue, options.Tolerance));
            int fallback = Step(steps, "fallback", () => UnreachedRowLabeling.Apply(options.UnreachedRowFallback, stored, classes,
                LabelPropagationData.ClassCount, options.NumberOfNeighbors, (a, b) => VectorMath.SquaredDistance(points[a], points[b]), default));
            Step(steps, "model", () => new LabelPropagationModel(options.Kernel, options.NumberOfNeighbors, options.Gamma, points,
                LabelPropagationData.ClassCount, stored, classes.Select(c => c >= 0).ToArray()));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "n={0} round {1}: {2}; {3} iterations, {4} fallback; graph {5:x16}, normalized {6:x16}, distributions {7:x16}",
                count, round + 1, string.Join(", ", steps), iteration.NumberOfIterations, fallback, graphPrint, normalizedPrint,
                Fingerprint(MemoryMarshal.Cast<float, byte>(stored))));
        }
        return 0;
    }

    private static T Step<T>(List<string> steps, string name, Func<T> run)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = run();
        double wall = watch.Elapsed.TotalSeconds;
        steps.Add(string.Format(CultureInfo.InvariantCulture, "{0} {1:0.000} s ({2:0.00} CPU)", name, wall,
            (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds));
        return result;
    }

    private static NeighborLists LoadOrSearch(PointSet points, int k, int count)
    {
        string? folder = Environment.GetEnvironmentVariable("GRAPH_STEPS_CACHE");
        string? path = folder is null ? null : Path.Combine(folder, $"graph-steps-{count}-{k}.bin");
        if (path is not null && File.Exists(path))
        {
            var bytes = File.ReadAllBytes(path);
            var indices = MemoryMarshal.Cast<byte, int>(bytes.AsSpan(0, bytes.Length / 2)).ToArray();
            var distances = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(bytes.Length / 2)).ToArray();
            Console.WriteLine($"n={count}: lists read from {path}");
            return new NeighborLists(points.Count, k, indices, distances);
        }
        var watch = Stopwatch.StartNew();
        var lists = NearestNeighborDescent.SearchLong(points, k, seed: 1, out _).Cut(k);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "n={0}: searched the lists in {1:0.0} s", count, watch.Elapsed.TotalSeconds));
        if (path is not null)
        {
            Directory.CreateDirectory(folder!);
            using var file = File.Create(path);
            file.Write(MemoryMarshal.Cast<int, byte>(lists.Indices));
            file.Write(MemoryMarshal.Cast<float, byte>(lists.SquaredDistances));
        }
        return lists;
    }

    private static ulong Fingerprint(SparseGraph graph) =>
        Fingerprint(MemoryMarshal.Cast<long, byte>(graph.RowStarts))
        ^ 31 * Fingerprint(MemoryMarshal.Cast<int, byte>(graph.Columns.AsSpan(0, (int)graph.EntryCount)))
        ^ 961 * Fingerprint(MemoryMarshal.Cast<float, byte>(graph.Weights.AsSpan(0, (int)graph.EntryCount)));

    /// <summary>FNV-1a over the bytes, 8 at a time.</summary>
    private static ulong Fingerprint(ReadOnlySpan<byte> bytes)
    {
        ulong hash = 14695981039346656037;
        foreach (var word in MemoryMarshal.Cast<byte, ulong>(bytes))
            hash = (hash ^ word) * 1099511628211;
        for (int i = bytes.Length / 8 * 8; i < bytes.Length; i++)
            hash = (hash ^ bytes[i]) * 1099511628211;
        return hash;
    }
}
