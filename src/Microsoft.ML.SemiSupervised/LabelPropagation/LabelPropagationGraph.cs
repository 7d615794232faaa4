using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>Builds the graph the options describe: neighbour search, kernel weights, symmetry, self-loops, normalization.</summary>
internal static class LabelPropagationGraph
{
    /// <summary>The graph the iteration multiplies by: raw weights for propagation, the normalized S for spreading.</summary>
    public static AffinityGraph Build(PointSet points, GraphLabelingOptions options, bool spreading, Action<string> log)
    {
        AffinityGraph graph;
        if (options.Kernel == LabelPropagationKernel.Rbf)
        {
            graph = DenseGraph.Rbf(points, options.Gamma, options.SelfLoops);
        }
        else
        {
            int others = options.SelfLoops ? options.NumberOfNeighbors - 1 : options.NumberOfNeighbors;
            var neighbors = FindNeighbors(points, Math.Max(others, 1), options, log);
            double gamma = options.Gamma;
            Func<float, float> weightOf = options.Kernel == LabelPropagationKernel.NearestNeighbors
                ? _ => 1f
                : squaredDistance => (float)Math.Exp(-gamma * squaredDistance);
            graph = SparseGraph.FromNeighbors(neighbors, others, weightOf, options.SelfLoops, options.SymmetrizeGraph);
        }
        return spreading ? graph.NormalizeForSpreading() : graph;
    }

    /// <summary>Whether the options search neighbours approximately for <paramref name="rowCount"/> rows.</summary>
    public static bool UsesApproximateSearch(GraphLabelingOptions options, int rowCount) => options.NeighborSearch switch
    {
        NeighborSearch.Exact => false,
        NeighborSearch.Approximate => true,
        _ => rowCount > options.ExactSearchRowLimit,
    };

    private static NeighborLists FindNeighbors(PointSet points, int k, GraphLabelingOptions options, Action<string> log)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        bool approximate = UsesApproximateSearch(options, points.Count);
        var neighbors = approximate
            ? NearestNeighborDescent.Search(points, k, options.Seed)
            : ExactNeighborSearch.Search(points, k);
        log($"Found {k} {(approximate ? "approximate (NN-descent)" : "exact")} nearest neighbours of {points.Count} rows in {watch.Elapsed.TotalSeconds:0.00} s.");
        return neighbors;
    }
}
