using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.Tests.Graphs;

public sealed class SparseGraphTests
{
    // Four points on a line at 0, 1, 3, 7: each one's nearest neighbour is 0->1, 1->0, 3->1, 7->3.
    private static readonly PointSet Line = new([0f, 1f, 3f, 7f], 1);

    [Fact]
    public void FromNeighbors_Directed_LinksEachRowToItsNeighborsOnly()
    {
        var graph = SparseGraph.FromNeighbors(ExactNeighborSearch.Search(Line, 1), 1, _ => 1f, selfLoops: false, symmetrize: false);

        Assert.Equal([[1], [0], [1], [2]], Rows(graph));
    }

    [Fact]
    public void FromNeighbors_Symmetrized_AddsTheReverseLinks()
    {
        var graph = SparseGraph.FromNeighbors(ExactNeighborSearch.Search(Line, 1), 1, _ => 1f, selfLoops: false, symmetrize: true);

        Assert.Equal([[1], [0, 2], [1, 3], [2]], Rows(graph));
    }

    [Fact]
    public void FromNeighbors_SelfLoops_AddsTheDiagonalWithWeightOne()
    {
        var graph = SparseGraph.FromNeighbors(ExactNeighborSearch.Search(Line, 1), 1, d => 0.5f, selfLoops: true, symmetrize: false);

        Assert.Equal([[0, 1], [0, 1], [1, 2], [2, 3]], Rows(graph));
        Assert.Equal([1f, 0.5f], graph.Weights[..2]);
    }

    [Fact]
    public void NormalizeForSpreading_DropsSelfLoopsAndScalesByColumnDegrees()
    {
        var graph = SparseGraph.FromNeighbors(ExactNeighborSearch.Search(Line, 1), 1, _ => 1f, selfLoops: true, symmetrize: true);

        var s = (SparseGraph)graph.NormalizeForSpreading();

        // Off-diagonal column sums (degrees): 1, 2, 2, 1. S[1,2] = 1 / sqrt(2 * 2).
        Assert.Equal([[1], [0, 2], [1, 3], [2]], Rows(s));
        Assert.Equal(0.5f, s.Weights[(int)s.RowStarts[1] + 1], 6);
        Assert.Equal(1 / MathF.Sqrt(2), s.Weights[0], 6);
    }

    [Fact]
    public void CheckFits_DenseGraphTooLarge_ThrowsNamingTheSparseKernels()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DenseGraph.CheckFits(1_000_000, 24_000_000_000));

        Assert.Equal(
            "A dense RBF graph over 1,000,000 rows needs 1,000,000,000,000 weights (4000.0 GB), more than a .NET array can hold " +
            "(Array.MaxLength = 2,147,483,591 elements): the Rbf kernel takes at most 46,340 rows on any machine. " +
            "Use Kernel = LabelPropagationKernel.NearestNeighborsRbf (RBF weights on the NumberOfNeighbors nearest " +
            "neighbours only, a sparse graph) or Kernel = LabelPropagationKernel.NearestNeighbors.",
            error.Message);
        DenseGraph.CheckFits(1000, 24_000_000_000);
    }

    [Fact]
    public void FromNeighbors_SymmetrizedRbfLists_EqualsEveryEdgeBothWaysAtTheLargerWeight()
    {
        var (lists, points) = RandomLists(rowCount: 400, k: 6);
        Func<float, float> weightOf = d => MathF.Exp(-0.3f * d);

        var graph = SparseGraph.FromNeighbors(lists, 5, weightOf, selfLoops: true, symmetrize: true);

        // The rule written out: each row's self-loop, and each of its first 5 neighbours in both directions, the larger weight.
        var expected = Enumerable.Range(0, points).Select(i => new SortedDictionary<int, float> { [i] = 1f }).ToArray();
        for (int i = 0; i < points; i++)
        {
            for (int t = 0; t < 5; t++)
            {
                int j = lists.Indices[i * lists.K + t];
                float w = weightOf(lists.SquaredDistances[i * lists.K + t]);
                expected[i][j] = Math.Max(expected[i].GetValueOrDefault(j), w);
                expected[j][i] = Math.Max(expected[j].GetValueOrDefault(i), w);
            }
        }
        Assert.Equal(expected.Select(e => e.Keys.ToArray()).ToArray(), Rows(graph));
        Assert.Equal(expected.SelectMany(e => e.Values).ToArray(), graph.Weights);
        Assert.Equal(expected.Sum(e => (long)e.Count), graph.EntryCount);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void FromNeighbors_AllocatesTheEntriesOnceAsBytesSays(bool symmetrize)
    {
        var (lists, points) = RandomLists(rowCount: 5000, k: 9);
        Func<float, float> weightOf = _ => 1f;
        SparseGraph.FromNeighbors(lists, 9, weightOf, selfLoops: true, symmetrize); // compiled before measuring

        long before = GC.GetAllocatedBytesForCurrentThread();
        var graph = SparseGraph.FromNeighbors(lists, 9, weightOf, selfLoops: true, symmetrize);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Exactly the arrays the memory plan counts (SparseGraph.Bytes), a few small objects beside (the passes' closures): a
        // symmetrized graph is not allocated for every edge both ways and then copied to its merged size, and the rows
        // are sorted in place (no second row starts, no fill positions: 8 bytes a row each, 40 KB here).
        Assert.Equal(graph.EntryCount, graph.Columns.LongLength);
        Assert.InRange(allocated, SparseGraph.Bytes(points, graph.EntryCount), SparseGraph.Bytes(points, graph.EntryCount) + 2048);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FromNeighbors_RowsInParallelBlocks_EqualsTheRuleWrittenOut(bool selfLoops)
    {
        // 20,000 rows: the passes run in several blocks side by side, and the edges back arrive in any order.
        var (lists, points) = RandomLists(rowCount: 20_000, k: 6);
        Func<float, float> weightOf = d => MathF.Exp(-2f * d);

        var graph = SparseGraph.FromNeighbors(lists, 5, weightOf, selfLoops, symmetrize: true);

        var expected = Enumerable.Range(0, points).Select(i => selfLoops ? new SortedDictionary<int, float> { [i] = 1f } : new SortedDictionary<int, float>()).ToArray();
        for (int i = 0; i < points; i++)
        {
            for (int t = 0; t < 5; t++)
            {
                int j = lists.Indices[i * lists.K + t];
                float w = weightOf(lists.SquaredDistances[i * lists.K + t]);
                expected[i][j] = Math.Max(expected[i].GetValueOrDefault(j), w);
                expected[j][i] = Math.Max(expected[j].GetValueOrDefault(i), w);
            }
        }
        Assert.True(graph.IsSymmetric);
        Assert.Equal(expected.Select(e => e.Keys.ToArray()).ToArray(), Rows(graph));
        Assert.Equal(expected.SelectMany(e => e.Values).ToArray(), graph.Weights);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NormalizeForSpreading_SymmetricRowsInParallel_SameBitsAsColumnSumsDownTheRows(bool selfLoops)
    {
        var (lists, points) = RandomLists(rowCount: 20_000, k: 7);
        var graph = SparseGraph.FromNeighbors(lists, 7, d => MathF.Exp(-3f * d), selfLoops, symmetrize: true);
        // The definition, one row after another: degrees as column sums down the rows, then each weight scaled, the diagonal dropped.
        var degrees = new double[points];
        for (int i = 0; i < points; i++)
        {
            for (long e = graph.RowStarts[i]; e < graph.RowStarts[i + 1]; e++)
            {
                if (graph.Columns[e] != i)
                    degrees[graph.Columns[e]] += graph.Weights[e];
            }
        }
        var expectedColumns = new List<int>();
        var expectedWeights = new List<float>();
        for (int i = 0; i < points; i++)
        {
            for (long e = graph.RowStarts[i]; e < graph.RowStarts[i + 1]; e++)
            {
                int j = graph.Columns[e];
                if (j != i)
                {
                    expectedColumns.Add(j);
                    expectedWeights.Add((float)(graph.Weights[e] * (1 / Math.Sqrt(degrees[i])) * (1 / Math.Sqrt(degrees[j]))));
                }
            }
        }

        var s = (SparseGraph)graph.NormalizeForSpreading();

        Assert.Equal(expectedColumns.Count, s.EntryCount);
        Assert.Equal(expectedColumns, s.Columns[..(int)s.EntryCount]);
        Assert.Equal(expectedWeights, s.Weights[..(int)s.EntryCount]); // to the bit: Single equality
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(10)]
    public void Multiply_VectorizedAndPrefetched_SameBitsAsThePlainLoop(int width)
    {
        var (lists, points) = RandomLists(rowCount: 3000, k: 6);
        var graph = (SparseGraph)SparseGraph.FromNeighbors(lists, 6, d => MathF.Exp(-d), selfLoops: true, symmetrize: true).NormalizeForSpreading();
        var random = new Random(5);
        var source = Enumerable.Range(0, points * width).Select(_ => random.NextDouble() * (random.Next(3) - 1)).ToArray();
        var expected = new double[source.Length];
        for (int i = 0; i < points; i++)
        {
            for (long e = graph.RowStarts[i]; e < graph.RowStarts[i + 1]; e++)
            {
                for (int c = 0; c < width; c++)
                    expected[i * width + c] += graph.Weights[e] * source[graph.Columns[e] * width + c];
            }
        }
        var destination = Enumerable.Repeat(double.NaN, source.Length).ToArray(); // every value must be written

        graph.Multiply(source, destination, width, 0, 1000);
        graph.Multiply(source, destination, width, 1000, points);

        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), destination.Select(BitConverter.DoubleToInt64Bits));
    }

    /// <summary>The exact lists of <paramref name="k"/> over seeded random rows of 3 values: many rows list each other.</summary>
    private static (NeighborLists Lists, int RowCount) RandomLists(int rowCount, int k)
    {
        var random = new Random(11);
        var points = new PointSet(Enumerable.Range(0, rowCount * 3).Select(_ => random.NextSingle()).ToArray(), 3);
        return (ExactNeighborSearch.Search(points, k), rowCount);
    }

    private static int[][] Rows(SparseGraph graph) =>
        Enumerable.Range(0, graph.RowCount).Select(i => graph.Columns[(int)graph.RowStarts[i]..(int)graph.RowStarts[i + 1]]).ToArray();
}
