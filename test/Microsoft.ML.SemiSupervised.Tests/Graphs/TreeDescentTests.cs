using Microsoft.ML.SemiSupervised.Graphs;
using Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

namespace Microsoft.ML.SemiSupervised.Tests.Graphs;

public sealed class TreeDescentTests
{
    /// <summary>
    /// The descent on the copied splits reaches the leaf the tree's own descent reaches, for new rows, for the stored
    /// rows themselves and for points on a split's hyperplane (the midpoint of its two rows: margin zero, right side).
    /// </summary>
    [Fact]
    public void LeafRange_NewRowsStoredRowsAndPointsOnASplit_SameLeafAsTheTree()
    {
        int dimension = 7;
        var set = GraphTestData.Blobs(5_000, dimension, 6, 0, seed: 3, spread: 1.5);
        var points = new PointSet(set.Features.Take(4_000).SelectMany(f => f).ToArray(), dimension);
        var tree = SearchTree.Build(points, 32, seed: 4);
        var descent = TreeDescent.Create(tree, points)!;
        var values = tree.ToIntegers();
        int nodes = values[0];

        var queries = set.Features.Skip(4_000).Concat(Enumerable.Range(0, 500).Select(i => points[i * 8].ToArray())).ToList();
        for (int node = 0; node < nodes; node += 7)
        {
            var a = points[values[2 + node]].ToArray();
            var b = points[values[2 + nodes + node]].ToArray();
            queries.Add(Enumerable.Range(0, dimension).Select(f => (a[f] + b[f]) / 2).ToArray());
        }
        foreach (var query in queries)
            Assert.Equal(tree.LeafRange(points, query), descent.LeafRange(query));
        Assert.True(nodes > 100, $"{nodes} inner nodes");
    }

    [Fact]
    public void LeafRange_TreeOfOneLeaf_TheWholeLeaf()
    {
        var points = new PointSet([1f, 2f, 3f, 4f, 5f, 6f], 2);
        var tree = SearchTree.Build(points, 32, seed: 1);

        Assert.Equal((0, 3), TreeDescent.Create(tree, points)!.LeafRange([9f, 9f]));
    }
}
