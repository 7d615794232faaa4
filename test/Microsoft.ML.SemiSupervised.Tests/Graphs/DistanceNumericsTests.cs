using Microsoft.ML.SemiSupervised.Graphs;
using Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

namespace Microsoft.ML.SemiSupervised.Tests.Graphs;

/// <summary>
/// Every distance computation of Graphs/ on rows that share a large offset (issue 8, item 1) and on rows so large that
/// their squared distances overflow Single (item 6): an exact translation of the rows, or a scaling by a power of two,
/// must not change what the search finds.
/// </summary>
public sealed class DistanceNumericsTests
{
    private const int K = 6;

    public static TheoryData<string> Shifts => new() { "gps", "+1000", "+10000" };

    [Theory]
    [MemberData(nameof(Shifts))]
    public void ExactSearch_TranslatedRows_FindsTheSameNeighborsAtTheSameDistances(string shift)
    {
        var (original, moved) = Points(shift);

        var expected = ExactNeighborSearch.Search(original, K);
        var actual = ExactNeighborSearch.Search(moved, K);

        Assert.Equal(expected.Indices, actual.Indices);
        Assert.Equal(expected.SquaredDistances, actual.SquaredDistances);
        Assert.Equal(1.0, expected.RecallAgainst(Reference(original, K)));
    }

    [Theory]
    [MemberData(nameof(Shifts))]
    public void NearestNeighborDescent_TranslatedRows_FindsTheSameNeighbors(string shift)
    {
        var (original, moved) = Points(shift);

        var expected = NearestNeighborDescent.Search(original, K, seed: 3);
        var actual = NearestNeighborDescent.Search(moved, K, seed: 3);

        Assert.Equal(expected.Indices, actual.Indices);
        Assert.Equal(expected.SquaredDistances, actual.SquaredDistances);
    }

    [Theory]
    [MemberData(nameof(Shifts))]
    public void RandomProjectionTree_TranslatedRows_SplitsTheSameWay(string shift)
    {
        var (original, moved) = Points(shift);

        var expectedStarts = new List<int>();
        var actualStarts = new List<int>();
        var expected = RandomProjectionTree.Leaves(original, 16, new Random(5), expectedStarts);
        var actual = RandomProjectionTree.Leaves(moved, 16, new Random(5), actualStarts);

        Assert.Equal(expected, actual);
        Assert.Equal(expectedStarts, actualStarts);
    }

    [Theory]
    [MemberData(nameof(Shifts))]
    public void Query_TranslatedRows_FindsTheSameStoredRows(string shift)
    {
        var (original, moved) = Points(shift);
        var queries = Enumerable.Range(0, 50).Select(i => i * 10 + 3).ToArray();
        foreach (int q in queries)
        {
            var expectedIndices = new int[K];
            var expectedDistances = new float[K];
            var actualIndices = new int[K];
            var actualDistances = new float[K];

            ExactNeighborSearch.Query(original, original[q], expectedIndices, expectedDistances);
            ExactNeighborSearch.Query(moved, moved[q], actualIndices, actualDistances);

            Assert.Equal(expectedIndices, actualIndices);
            Assert.Equal(expectedDistances, actualDistances);
        }
    }

    [Theory]
    [MemberData(nameof(Shifts))]
    public void DenseRbf_TranslatedRows_GivesTheSameWeights(string shift)
    {
        var (original, moved) = Points(shift);
        var expected = DenseGraph.Rbf(original, 20, selfLoops: true);
        var actual = DenseGraph.Rbf(moved, 20, selfLoops: true);

        for (int i = 0; i < original.Count; i += 7)
        {
            for (int j = 0; j < original.Count; j++)
                Assert.Equal(expected[i, j], actual[i, j]);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Search_RowsBeyondTheSquareRootOfSingleMaxValue_FindsTheNeighborsOfTheUnscaledRows(bool approximate)
    {
        // 2^66 = 7.4e19: every squared distance beyond 1/16 overflows Single (max 3.4e38 = 2^128). Scaling by a power
        // of two is exact, so the neighbours are those of the unscaled rows.
        var (original, _) = Points("+1000");
        var huge = Scaled(original, Math.ScaleB(1, 66));

        var expected = approximate ? NearestNeighborDescent.Search(original, K, seed: 3) : ExactNeighborSearch.Search(original, K);
        var actual = approximate ? NearestNeighborDescent.Search(huge, K, seed: 3) : ExactNeighborSearch.Search(huge, K);

        Assert.Equal(expected.Indices, actual.Indices);
        Assert.Equal(expected.SquaredDistances.Select(d => (float)Math.ScaleB(d, 132)), actual.SquaredDistances);
        Assert.Contains(float.PositiveInfinity, actual.SquaredDistances);
    }

    [Fact]
    public void Query_HugeRowsOrHugeQuery_FindsTheNeighborsOfTheUnscaledRows()
    {
        var (original, _) = Points("+1000");
        var huge = Scaled(original, Math.ScaleB(1, 66));
        var expectedIndices = new int[K];
        var expectedDistances = new float[K];
        var actualIndices = new int[K];
        var actualDistances = new float[K];
        for (int q = 1; q < original.Count; q += 25)
        {
            ExactNeighborSearch.Query(original, original[q], expectedIndices, expectedDistances);
            ExactNeighborSearch.Query(huge, huge[q], actualIndices, actualDistances);

            Assert.Equal(expectedIndices, actualIndices);
            Assert.Equal(expectedDistances.Select(d => (float)Math.ScaleB(d, 132)), actualDistances);
        }

        // A query far outside the rows, its squared distances beyond Single: the nearest rows by distances in double.
        float[] far = [0, 3e19f];
        ExactNeighborSearch.Query(huge, far, actualIndices, actualDistances);
        var nearest = Enumerable.Range(0, huge.Count)
            .OrderBy(i => Math.Pow((double)huge[i][0] - far[0], 2) + Math.Pow((double)huge[i][1] - far[1], 2)).ThenBy(i => i).Take(K);
        Assert.Equal(nearest, actualIndices);
    }

    private static (PointSet Original, PointSet Moved) Points(string shift)
    {
        var (scale, offset) = ExactTranslation.Named(shift);
        var (original, moved) = ExactTranslation.Translate(GraphTestData.Moons().Features, scale, offset);
        return (new PointSet(original.SelectMany(r => r).ToArray(), 2), new PointSet(moved.SelectMany(r => r).ToArray(), 2));
    }

    private static PointSet Scaled(PointSet points, double factor) =>
        new(points.Values.Select(v => (float)(v * factor)).ToArray(), points.Dimension);

    /// <summary>The k nearest neighbours by distances in double precision, nearest first, lower row first on ties.</summary>
    private static NeighborLists Reference(PointSet points, int k)
    {
        int n = points.Count;
        var indices = new int[n * k];
        var distances = new float[n * k];
        for (int i = 0; i < n; i++)
        {
            var nearest = Enumerable.Range(0, n).Where(j => j != i)
                .Select(j => (Row: j, Distance: Enumerable.Range(0, points.Dimension).Sum(f => Math.Pow((double)points[i][f] - points[j][f], 2))))
                .OrderBy(p => p.Distance).ThenBy(p => p.Row).Take(k).ToArray();
            for (int t = 0; t < k; t++)
            {
                indices[i * k + t] = nearest[t].Row;
                distances[i * k + t] = (float)nearest[t].Distance;
            }
        }
        return new NeighborLists(n, k, indices, distances);
    }
}
