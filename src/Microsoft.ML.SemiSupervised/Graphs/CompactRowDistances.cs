using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// An 8-bit copy of rows for NN-descent's joins, with distances between two rows of the copy: each feature of each row as
/// one byte on a grid spanning that feature's smallest to largest value in 255 steps (the grid of <see cref="CompactRows"/>).
/// A row takes <c>dimension</c> bytes instead of <c>4 * dimension</c> (20 MB instead of 80 at a million rows of 20
/// features: it stays in the processor's cache, where the joins' random reads of float rows missed it). The distance of
/// a pair, <c>sum over f of (scale[f] * (a[f] - b[f]))^2</c>, is the same whichever row comes first (so a pair met in two
/// joins is offered at one distance) and is off from the exact one by at most half a step a feature in each row.
/// </summary>
internal sealed class CompactRowDistances
{
    private const int Steps = 255;

    private readonly byte[] _values; // row i's bytes at i * Dimension; 8 bytes of padding after the last row
    private readonly float[] _scales; // a step of each feature, then zeros up to a whole number of 8-value chunks

    private CompactRowDistances(byte[] values, float[] scales, int count, int dimension)
    {
        _values = values;
        _scales = scales;
        Count = count;
        Dimension = dimension;
    }

    /// <summary>The number of rows.</summary>
    public int Count { get; }

    /// <summary>The number of features of a row.</summary>
    public int Dimension { get; }

    /// <summary>The bytes a copy of <paramref name="n"/> rows of <paramref name="dimension"/> features holds: a byte a feature, the padding and the scales.</summary>
    public static long Bytes(long n, long dimension) => n * dimension + 8 + 4 * ((dimension + 7) / 8 * 8);

    /// <summary>The 8-bit copy of <paramref name="points"/> (finite values).</summary>
    public static CompactRowDistances Create(PointSet points, ParallelOptions options)
    {
        int n = points.Count, d = points.Dimension;
        var (minimum, maximum) = points.FeatureRanges();
        var scales = new float[(d + 7) / 8 * 8];
        var inverse = new double[d];
        for (int f = 0; f < d; f++)
        {
            // In double: the range of translated rows is the same number as the rows' own (a test holds the search to it).
            double step = ((double)maximum[f] - minimum[f]) / Steps;
            scales[f] = (float)step;
            inverse[f] = step > 0 ? 1 / step : 0;
        }
        var values = LargePages.Allocate<byte>((long)n * d + 8);
        Parallel.For(0, n, options, i =>
        {
            var row = points[i];
            var bytes = values.AsSpan(i * d, d);
            for (int f = 0; f < d; f++)
                bytes[f] = (byte)Math.Clamp(Math.Round((row[f] - (double)minimum[f]) * inverse[f]), 0, Steps);
        });
        return new CompactRowDistances(values, scales, n, d);
    }

    /// <summary>The approximate squared distance between rows <paramref name="a"/> and <paramref name="b"/> of the copy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float SquaredDistance(int a, int b)
    {
        ref byte first = ref MemoryMarshal.GetArrayDataReference(_values);
        return SquaredDistance(ref Unsafe.Add(ref first, (nint)a * Dimension), ref Unsafe.Add(ref first, (nint)b * Dimension));
    }

    /// <summary>
    /// The approximate squared distance between rows <paramref name="a"/> and <paramref name="b"/> of
    /// <paramref name="rows"/>, rows of the copy put one after the other (<see cref="CopyRow"/>), with at least 8 bytes
    /// after the last.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float SquaredDistance(byte[] rows, int a, int b)
    {
        ref byte first = ref MemoryMarshal.GetArrayDataReference(rows);
        return SquaredDistance(ref Unsafe.Add(ref first, (nint)a * Dimension), ref Unsafe.Add(ref first, (nint)b * Dimension));
    }

    /// <summary>Copies row <paramref name="row"/> of the copy into <paramref name="destination"/>.</summary>
    public void CopyRow(int row, Span<byte> destination) => _values.AsSpan(row * Dimension, Dimension).CopyTo(destination);

    /// <summary>Asks the processor to bring row <paramref name="row"/> into its caches (see <see cref="VectorMath.Prefetch{T}(T[], int, int)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(int row) => VectorMath.Prefetch(_values, row * Dimension, Dimension);

    /// <summary>See <see cref="VectorMath.CompactPairSquaredDistance"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float SquaredDistance(ref byte a, ref byte b) => VectorMath.CompactPairSquaredDistance(ref a, ref b, _scales, Dimension);
}
