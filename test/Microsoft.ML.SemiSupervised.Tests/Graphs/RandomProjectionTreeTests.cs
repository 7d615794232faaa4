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
}
