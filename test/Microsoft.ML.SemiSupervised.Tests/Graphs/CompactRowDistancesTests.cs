using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.Tests.Graphs;

public sealed class CompactRowDistancesTests
{
    /// <summary>
    /// NN-descent's joins meet a pair in more than one row's candidates and offer it at the distance they compute, so
    /// the 8-bit distance must be the same whichever row comes first (bit for bit); and each row of the copy lies within
    /// half a step a feature of the row, so the 8-bit distance is within the length of one step a feature of the exact one.
    /// </summary>
    [Fact]
    public void SquaredDistance_AnyPair_SameBothWaysAndWithinAStepOfTheExactDistance()
    {
        const int Count = 400, Dimension = 11; // not a whole number of 8-value chunks
        var random = new Random(7);
        var ranges = new[] { 1e-3f, 1f, 10f, 1e4f, 0f, 2f, 5f, 0.5f, 100f, 3f, 7f };
        var values = new float[Count * Dimension];
        for (int i = 0; i < Count; i++)
        {
            for (int f = 0; f < Dimension; f++)
                values[i * Dimension + f] = f == 4 ? 42f : (float)((random.NextDouble() - 0.3) * ranges[f]) - 5f;
        }
        var points = new PointSet(values, Dimension);
        double steps = Math.Sqrt(ranges.Sum(r => Math.Pow(r * 1.0001 / 255, 2))); // one step a feature, as a length

        var compact = CompactRowDistances.Create(points, new ParallelOptions());

        var copied = new byte[2 * Dimension + 8];
        for (int a = 0; a < Count; a += 3)
        {
            for (int b = 0; b < Count; b += 5)
            {
                float distance = compact.SquaredDistance(a, b);
                Assert.Equal(distance, compact.SquaredDistance(b, a));
                compact.CopyRow(a, copied.AsSpan(0, Dimension));
                compact.CopyRow(b, copied.AsSpan(Dimension, Dimension));
                Assert.Equal(distance, compact.SquaredDistance(copied, 0, 1));
                double exact = Math.Sqrt(VectorMath.SquaredDistance(points[a], points[b]));
                Assert.InRange(Math.Sqrt(distance), exact - steps - 1e-3, exact + steps + 1e-3);
            }
        }
        Assert.Equal(0f, compact.SquaredDistance(5, 5));
    }
}
