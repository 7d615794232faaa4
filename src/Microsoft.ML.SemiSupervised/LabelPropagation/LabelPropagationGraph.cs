using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>Builds the graph the options describe: neighbour search, kernel weights, symmetry, self-loops, normalization.</summary>
internal static class LabelPropagationGraph
{
    /// <summary>
    /// The graph the iteration multiplies by: raw weights for propagation, the normalized S for spreading; and, when
    /// the neighbours were searched approximately, the <paramref name="index"/> that finds a new row's neighbours
    /// (null otherwise: exact search, cheap for the rows the options search exactly, or the dense RBF kernel).
    /// </summary>
    public static AffinityGraph Build(PointSet points, GraphLabelingOptions options, bool spreading, int seed, Action<string> log,
        out NeighborGraphIndex? index)
    {
        AffinityGraph graph;
        index = null;
        if (options.Kernel == LabelPropagationKernel.Rbf)
        {
            log($"Weighing every pair of {points.Count} rows (dense RBF graph)...");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            graph = DenseGraph.Rbf(points, options.Gamma, options.SelfLoops, options.CancellationToken);
            log($"Weighed every pair of {points.Count} rows in {watch.Elapsed.TotalSeconds:0.00} s.");
        }
        else
        {
            var neighbors = FindNeighbors(points, NeighborsToFind(options), options, seed, log, out index);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            graph = FromNeighbors(neighbors, options);
            FitMemory.Release(SparseGraph.Bytes(points.Count, graph.EntryCount) - SparseGraph.GraphBytes(points.Count, graph.EntryCount)
                + NeighborSearchMemory.Lists(points.Count, neighbors.K));
            log($"Built the graph ({graph.EntryCount} weights{(options.SymmetrizeGraph ? ", symmetrized" : "")}) in {watch.Elapsed.TotalSeconds:0.00} s.");
        }
        if (!spreading)
            return graph;
        var normalizing = System.Diagnostics.Stopwatch.StartNew();
        graph = graph.NormalizeForSpreading();
        FitMemory.Release(SparseGraph.NormalizeBytes(points.Count));
        log($"Normalized the graph for spreading in {normalizing.Elapsed.TotalSeconds:0.00} s.");
        return graph;
    }

    /// <summary>How many other rows each row's neighbour list needs under the nearest-neighbour kernels.</summary>
    public static int NeighborsToFind(GraphLabelingOptions options) => Math.Max(OtherNeighbors(options), 1);

    /// <summary>The nearest-neighbour kernels' graph over <paramref name="neighbors"/>: weights, self-loops, symmetry.</summary>
    public static AffinityGraph FromNeighbors(NeighborLists neighbors, GraphLabelingOptions options)
    {
        double gamma = options.Gamma;
        Func<float, float> weightOf = options.Kernel == LabelPropagationKernel.NearestNeighbors
            ? _ => 1f
            : squaredDistance => (float)Math.Exp(-gamma * squaredDistance);
        return SparseGraph.FromNeighbors(neighbors, OtherNeighbors(options), weightOf, options.SelfLoops, options.SymmetrizeGraph);
    }

    private static int OtherNeighbors(GraphLabelingOptions options) =>
        options.SelfLoops ? options.NumberOfNeighbors - 1 : options.NumberOfNeighbors;

    /// <summary>Whether the options search neighbours approximately for <paramref name="rowCount"/> rows.</summary>
    public static bool UsesApproximateSearch(GraphLabelingOptions options, int rowCount) => options.NeighborSearch switch
    {
        NeighborSearch.Exact => false,
        NeighborSearch.Approximate => true,
        _ => rowCount > options.ExactSearchRowLimit,
    };

    private static NeighborLists FindNeighbors(PointSet points, int k, GraphLabelingOptions options, int seed, Action<string> log,
        out NeighborGraphIndex? index)
    {
        bool approximate = UsesApproximateSearch(options, points.Count);
        log($"Searching the {k} {(approximate ? "approximate (NN-descent)" : "exact")} nearest neighbours of {points.Count} rows...");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        index = null;
        if (!approximate)
        {
            var exact = ExactNeighborSearch.Search(points, k, options.CancellationToken);
            log($"Found {k} exact nearest neighbours of {points.Count} rows in {watch.Elapsed.TotalSeconds:0.00} s.");
            return exact;
        }
        var lists = NearestNeighborDescent.SearchLong(points, k, seed, out var tree, log: step => log($"NN-descent: {step}."), cancellation: options.CancellationToken);
        FitMemory.Release(NeighborSearchMemory.GarbageAfterSearch(points.Count, lists.K));
        log($"Found {k} approximate (NN-descent) nearest neighbours of {points.Count} rows in {watch.Elapsed.TotalSeconds:0.00} s.");
        // The index keeps the lists and the tree; its links and copies are made at the model's first new row or save.
        index = NeighborGraphIndex.Build(points, lists, tree, seed, options.CancellationToken);
        log($"Kept the neighbour lists for the search index for new rows ({index.Degree} links a row, {index.Tree.LeafCount} tree leaves), made at the first new row or save.");
        return lists.Cut(k);
    }
}
