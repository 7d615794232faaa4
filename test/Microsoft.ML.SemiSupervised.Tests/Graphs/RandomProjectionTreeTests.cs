using Microsoft.ML.SemiSupervised.Graphs;
using Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

namespace Microsoft.ML.SemiSupervised.Tests.Graphs;

public sealed class RandomProjectionTreeTests
{
    [Fact]
    public void Leaves_Blobs_EveryRowOnceInLeavesOfAtMostLeafSize_SameForOneSeed()
    {
        var set = GraphTestData.Blobs(3_000, 6, 5, 0, seed: 8);
        var points = new PointSet(set.Features.SelectMany(f => f).ToArray(), 6);
        var starts = new List<int>();
        var startsAgain = new List<int>();

        var rows = RandomProjectionTree.Leaves(points, 16, new Random(4), starts);
        var rowsAgain = RandomProjectionTree.Leaves(points, 16, new Random(4), startsAgain);

        Assert.Equal(Enumerable.Range(0, points.Count), rows.Order());
        Assert.Equal(0, starts[0]);
        Assert.Equal(points.Count, starts[^1]);
        for (int leaf = 0; leaf + 1 < starts.Count; leaf++)
            Assert.InRange(starts[leaf + 1] - starts[leaf], 1, 16);
        Assert.Equal(rows, rowsAgain);
        Assert.Equal(starts, startsAgain);
    }

    [Fact]
    public void Leaves_EqualRows_SplitInHalvesUntilLeafSize()
    {
        var points = new PointSet(new float[100 * 3], 3); // a hundred equal rows: no hyperplane separates them
        var starts = new List<int>();

        var rows = RandomProjectionTree.Leaves(points, 10, new Random(1), starts);

        Assert.Equal(Enumerable.Range(0, 100), rows.Order());
        Assert.All(starts.Zip(starts.Skip(1), (a, b) => b - a), size => Assert.InRange(size, 1, 10));
    }

    /// <summary>
    /// Subtrees of 32,768 rows or more grow side by side: one seed gives the same tree (rows, leaves and hyperplanes) on
    /// one core or four, every row once, every leaf within the leaf size, and every stored row descends to its own leaf.
    /// </summary>
    [Fact]
    public void Build_RowsEnoughToSplitSideBySide_SameTreeOnOneCoreOrFour_EachRowInItsOwnLeaf()
    {
        var set = GraphTestData.Blobs(100_000, 4, 8, 0, seed: 2);
        var points = new PointSet(set.Features.SelectMany(f => f).ToArray(), 4);

        var one = RandomProjectionTree.Build(points, 38, seed: 7, halveWhenNoSplit: false, new ParallelOptions { MaxDegreeOfParallelism = 1 });
        var four = RandomProjectionTree.Build(points, 38, seed: 7, halveWhenNoSplit: false, new ParallelOptions { MaxDegreeOfParallelism = 4 });
        var tree = SearchTree.Build(points, 38, seed: 7, new ParallelOptions { MaxDegreeOfParallelism = 4 });

        Assert.Equal(one.Rows, four.Rows);
        Assert.Equal(one.LeafStarts, four.LeafStarts);
        Assert.Equal(one.SplitA, four.SplitA);
        Assert.Equal(one.SplitB, four.SplitB);
        Assert.Equal(one.Children, four.Children);
        Assert.Equal(Enumerable.Range(0, points.Count), one.Rows.Order());
        Assert.True(one.SplitA.Length > 2_000, $"{one.SplitA.Length} nodes");
        Assert.All(one.LeafStarts.Zip(one.LeafStarts.Skip(1), (a, b) => b - a), size => Assert.InRange(size, 1, 38));
        Assert.Equal(one.Rows, tree.LeafRows.ToArray());
        for (int leaf = 0; leaf + 1 < one.LeafStarts.Length; leaf++)
        {
            foreach (int row in one.Rows.AsSpan(one.LeafStarts[leaf], one.LeafStarts[leaf + 1] - one.LeafStarts[leaf]))
                Assert.Equal((one.LeafStarts[leaf], one.LeafStarts[leaf + 1] - one.LeafStarts[leaf]), tree.LeafRange(points, points[row]));
        }
    }
}
