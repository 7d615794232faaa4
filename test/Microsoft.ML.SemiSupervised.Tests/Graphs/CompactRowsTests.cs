using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.Tests.Graphs;

public sealed class CompactRowsTests
{
    /// <summary>
    /// Each feature of the 8-bit copy lies within half a step (a 255th of the feature's range) of the row's value, a
    /// feature that never varies is held exactly, and the copy's distance to a query is the squared distance to the
    /// row as the copy holds it: an approximation bounded by the rounding, for the walk only.
    /// </summary>
    [Fact]
    public void Create_RowsOfDifferentRanges_EachFeatureWithinHalfAStep_AndDistancesAreToTheHeldRow()
    {
        const int Count = 500, Dimension = 11; // not a whole number of 8-value chunks
        var random = new Random(3);
        var ranges = new[] { 1e-3f, 1f, 10f, 1e4f, 0f, 2f, 5f, 0.5f, 100f, 3f, 7f };
        var values = new float[Count * Dimension];
        for (int i = 0; i < Count; i++)
        {
            for (int f = 0; f < Dimension; f++)
                values[i * Dimension + f] = f == 4 ? 42f : (float)((random.NextDouble() - 0.3) * ranges[f]) - 5f;
        }
        var points = new PointSet(values, Dimension);

        var compact = CompactRows.Create(points)!;

        Assert.Equal(16, compact.QueryLength);
        var prepared = new float[compact.QueryLength];
        var query = Enumerable.Range(0, Dimension).Select(f => (float)(random.NextDouble() * ranges[f])).ToArray();
        compact.PrepareQuery(query, prepared);
        for (int i = 0; i < Count; i++)
        {
            var held = compact.Decode(i);
            for (int f = 0; f < Dimension; f++)
            {
                float step = ranges[f] * 1.0001f / 255;
                Assert.True(Math.Abs(held[f] - points[i][f]) <= step / 2 + 1e-5f * Math.Abs(points[i][f]), $"row {i} feature {f}: held {held[f]}, value {points[i][f]}");
            }
            Assert.Equal(42f, held[4]);
            double toHeld = query.Zip(held, (a, b) => ((double)a - b) * ((double)a - b)).Sum();
            Assert.Equal(toHeld, compact.SquaredDistance(prepared, i), toHeld * 1e-4 + 1e-6);
        }
    }

    /// <summary>
    /// The distance between two rows of the copy (the diversifying pass's) is the squared distance between the rows as
    /// the copy holds them, for the last row too (whose chunks read the padding), and zero from a row to itself.
    /// </summary>
    [Fact]
    public void SquaredDistanceBetween_TwoRows_IsTheDistanceOfTheHeldRows()
    {
        const int Count = 300, Dimension = 13;
        var random = new Random(8);
        var values = Enumerable.Range(0, Count * Dimension).Select(v => (float)(random.NextDouble() * (v % Dimension + 1)) - 2f).ToArray();
        var compact = CompactRows.Create(new PointSet(values, Dimension))!;

        for (int a = 0; a < Count; a += 7)
        {
            foreach (int b in new[] { 0, a, (a * 31 + 5) % Count, Count - 1 })
            {
                double expected = VectorMath.SquaredDistance(compact.Decode(a), compact.Decode(b));
                float actual = compact.SquaredDistanceBetween(a, b);
                Assert.True(Math.Abs(actual - expected) <= 1e-4 * (1 + expected), $"rows {a} and {b}: {actual} against {expected}");
                if (a == b)
                    Assert.Equal(0f, actual);
            }
        }
    }

    [Fact]
    public void Create_FeatureRangeBeyondSingle_IsRefused()
    {
        var points = new PointSet([-3e38f, 1f, 3e38f, 2f], 2);

        Assert.Null(CompactRows.Create(points));
    }
}
