using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Graphs;
using Microsoft.ML.SemiSupervised.Labels;

namespace Microsoft.ML.SemiSupervised.Tests.Graphs;

public sealed class SparseNeighborSearchTests
{
    [Fact]
    public void SearchAll_RandomSparseRows_FindsTheBruteForceNeighbours()
    {
        // 300 rows of 2,000 slots, about 20 non-zeros each (negative values too), and three all-zero rows.
        var rows = RandomRows(300, 2000, 20, seed: 5, zeroRows: [7, 100, 299]);
        const int k = 6;

        var found = new SparseNeighborSearch(rows).SearchAll(k);

        for (int i = 0; i < rows.Count; i++)
        {
            var expected = BruteForce(rows, rows.RowIndices(i).ToArray(), rows.RowValues(i).ToArray(), k, exclude: i);
            Assert.Equal(expected.Select(e => e.Distance), found.SquaredDistances.AsSpan(i * k, k).ToArray().Select(d => (double)d), new Tolerance());
            Assert.Equal(expected.Select(e => e.Row).Order(), found.Indices.AsSpan(i * k, k).ToArray().Order());
        }
    }

    [Fact]
    public void SearchAllPairs_RandomSparseRowsWithTies_FindsTheBruteForceNeighboursInOrder()
    {
        // As above, and rows 20-29 copies of rows 10-19 (exact ties: the lower row comes first, as brute force orders them).
        var rows = RandomRows(300, 2000, 20, seed: 5, zeroRows: [7, 100, 299]);
        rows = WithCopies(rows, from: 10, to: 20, count: 10);
        const int k = 6;
        var search = new SparseNeighborSearch(rows);

        var found = search.SearchAllPairs(k);
        var again = search.SearchAllPairs(k);

        for (int i = 0; i < rows.Count; i++)
        {
            var expected = BruteForce(rows, rows.RowIndices(i).ToArray(), rows.RowValues(i).ToArray(), k, exclude: i);
            Assert.Equal(expected.Select(e => e.Distance), found.SquaredDistances.AsSpan(i * k, k).ToArray().Select(d => (double)d), new Tolerance());
            if (!HasNearTie(expected))
                Assert.Equal(expected.Select(e => e.Row), found.Indices.AsSpan(i * k, k).ToArray());
        }
        Assert.Equal(found.Indices, again.Indices);
        Assert.Equal(found.SquaredDistances, again.SquaredDistances);
        Assert.Equal(20, found.Indices[10 * k]); // row 10's nearest is its copy, row 20
        Assert.Equal(10, found.Indices[20 * k]);
    }

    [Fact]
    public void Query_NewRow_FindsTheBruteForceNeighbours()
    {
        var rows = RandomRows(300, 2000, 20, seed: 5, zeroRows: []);
        var query = RandomRows(1, 2000, 20, seed: 6, zeroRows: []);
        var search = new SparseNeighborSearch(rows);
        var indices = new int[5];
        var distances = new float[5];

        search.Query(query.RowIndices(0), query.RowValues(0), indices, distances);

        var expected = BruteForce(rows, query.RowIndices(0).ToArray(), query.RowValues(0).ToArray(), 5, exclude: -1);
        Assert.Equal(expected.Select(e => e.Row), indices);
        Assert.Equal(expected.Select(e => e.Distance), distances.Select(d => (double)d), new Tolerance());
    }

    [Fact]
    public void SparseLabeledRows_WouldOutgrowTheMemory_RefusesUpFrontWithTheSizeNeeded()
    {
        var ml = new MLContext(1);
        var tickets = Infrastructure.TicketTexts.Generate(2000, 0.05, seed: 7);
        var raw = ml.Data.LoadFromEnumerable(tickets);
        var data = ml.Transforms.Text.FeaturizeText("Features", "Text").Fit(raw).Transform(raw);

        var e = Assert.Throws<InvalidOperationException>(() => SparseLabeledRows.Load(data, "Features", "Label", LabelTask.Multiclass, availableBytes: 1_000_000));
        Assert.StartsWith("The sparse rows of feature column 'Features' need ", e.Message);
        Assert.Contains("more than the 0.0 GB of memory available", e.Message);

        var rows = SparseLabeledRows.Load(data, "Features", "Label", LabelTask.Multiclass, availableBytes: long.MaxValue);
        var dense = Assert.Throws<InvalidOperationException>(() => rows.CheckDenseFits("Features", availableBytes: 100_000_000));
        Assert.Contains("as dense rows its 2000 rows need ", dense.Message);
        Assert.Contains("ProjectToPrincipalComponents", dense.Message);
    }

    [Fact]
    public void DenseLabeledRows_KnownRowCountWouldNotFit_RefusesUpFrontWithTheSizeNeeded()
    {
        DenseLabeledRows.CheckFits("Features", 1_000_000, 20, availableBytes: 24_000_000_000); // 0.16 GB: fits

        var e = Assert.Throws<InvalidOperationException>(() => DenseLabeledRows.CheckFits("Features", 10_000_000, 1000, availableBytes: 24_000_000_000));
        Assert.Equal("The dense rows of feature column 'Features' (10000000 rows of 1000 values) need 80.0 GB (held twice at the peak, " +
            "4 bytes a value), more than the 24.0 GB of memory available (and more values than one array holds). Use fewer rows, or " +
            "reduce the features first (e.g. ProjectToPrincipalComponents).", e.Message);
    }

    private static SparseRows RandomRows(int count, int dimension, int perRow, int seed, int[] zeroRows)
    {
        var random = new Random(seed);
        var starts = new List<long> { 0 };
        var indices = new List<int>();
        var values = new List<float>();
        for (int i = 0; i < count; i++)
        {
            if (!zeroRows.Contains(i))
            {
                // Slots from a small popular range and a wide rare one, so that rows share some slots.
                var slots = Enumerable.Range(0, perRow).Select(_ => random.NextDouble() < 0.5 ? random.Next(50) : random.Next(dimension)).Distinct().Order().ToArray();
                indices.AddRange(slots);
                values.AddRange(slots.Select(_ => (float)(random.NextDouble() * 2 - 0.5)));
            }
            starts.Add(indices.Count);
        }
        return new SparseRows(starts.ToArray(), indices.ToArray(), values.ToArray(), dimension);
    }

    /// <summary>The rows with rows from..from+count-1 copied over rows to..to+count-1.</summary>
    private static SparseRows WithCopies(SparseRows rows, int from, int to, int count)
    {
        var starts = new List<long> { 0 };
        var indices = new List<int>();
        var values = new List<float>();
        for (int i = 0; i < rows.Count; i++)
        {
            int source = i >= to && i < to + count ? i - to + from : i;
            indices.AddRange(rows.RowIndices(source).ToArray());
            values.AddRange(rows.RowValues(source).ToArray());
            starts.Add(indices.Count);
        }
        return new SparseRows(starts.ToArray(), indices.ToArray(), values.ToArray(), rows.Dimension);
    }

    /// <summary>Whether two of the listed distances are equal or within float rounding (an order the test cannot pin: the pass sums in another order).</summary>
    private static bool HasNearTie((int Row, double Distance)[] list)
    {
        for (int t = 1; t < list.Length; t++)
        {
            double gap = list[t].Distance - list[t - 1].Distance;
            if (gap < 1e-4 * Math.Max(1, list[t].Distance))
                return true;
        }
        return false;
    }

    /// <summary>The k nearest rows by squared Euclidean distance in double over dense copies, ties to the lower row.</summary>
    private static (int Row, double Distance)[] BruteForce(SparseRows rows, int[] slots, float[] values, int k, int exclude)
    {
        var query = new double[rows.Dimension];
        for (int e = 0; e < slots.Length; e++)
            query[slots[e]] = values[e];
        var other = new double[rows.Dimension];
        var result = new List<(int Row, double Distance)>();
        for (int j = 0; j < rows.Count; j++)
        {
            if (j == exclude)
                continue;
            Array.Clear(other);
            var otherSlots = rows.RowIndices(j);
            var otherValues = rows.RowValues(j);
            for (int e = 0; e < otherSlots.Length; e++)
                other[otherSlots[e]] = otherValues[e];
            double sum = 0;
            for (int f = 0; f < query.Length; f++)
                sum += (query[f] - other[f]) * (query[f] - other[f]);
            result.Add((j, sum));
        }
        return result.OrderBy(p => p.Distance).ThenBy(p => p.Row).Take(k).ToArray();
    }

    private sealed class Tolerance : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= 1e-4 * Math.Max(1, Math.Abs(y));

        public int GetHashCode(double obj) => 0;
    }
}
