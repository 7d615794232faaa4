using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// An 8-bit copy of rows for a graph search to walk on: each feature of each row as one byte, on a grid spanning that
/// feature's smallest to largest value in 255 steps (a scale and an offset per feature). A row takes <c>dimension</c>
/// bytes instead of <c>4 * dimension</c> (20 MB instead of 80 at a million rows of 20 features, so it stays in the
/// processor's cache), and a distance reads one cache line instead of two. Distances on the copy are approximate: each
/// feature is off by at most half a step. The search keeps its nearest rows by these distances and re-ranks the
/// nearest of them by exact distances on the float rows (<see cref="NeighborGraphIndex"/>), so the neighbours it
/// answers carry exact distances.
/// </summary>
internal sealed class CompactRows
{
    private const int Steps = 255;

    private readonly byte[] _values; // row p's bytes at p * Dimension; a few bytes of padding after the last row
    private readonly float[] _scales; // a step of each feature, then zeros up to a whole number of 8-value chunks
    private readonly float[] _offsets; // each feature's smallest value

    private CompactRows(byte[] values, float[] scales, float[] offsets, int count, int dimension)
    {
        _values = values;
        _scales = scales;
        _offsets = offsets;
        Count = count;
        Dimension = dimension;
    }

    /// <summary>The number of rows.</summary>
    public int Count { get; }

    /// <summary>The number of features of a row.</summary>
    public int Dimension { get; }

    /// <summary>The length of a prepared query (<see cref="PrepareQuery"/>): the dimension rounded up to whole 8-value chunks.</summary>
    public int QueryLength => _scales.Length;

    /// <summary>The bytes the copy holds.</summary>
    public long Bytes => _values.LongLength + 8L * _scales.Length;

    /// <summary>
    /// The 8-bit copy of <paramref name="points"/>; null when a feature's range is not a finite Single (huge or
    /// non-finite values, whose distances overflow anyway and go to exact search).
    /// </summary>
    public static CompactRows? Create(PointSet points)
    {
        int n = points.Count, d = points.Dimension;
        int padded = (d + 7) / 8 * 8;
        var (minimum, maximum) = points.FeatureRanges();
        var scales = new float[padded];
        var offsets = new float[padded];
        var inverse = new double[d];
        for (int f = 0; f < d; f++)
        {
            float range = maximum[f] - minimum[f];
            if (!float.IsFinite(range) || !float.IsFinite(minimum[f]))
                return null;
            scales[f] = range / Steps;
            offsets[f] = minimum[f];
            inverse[f] = scales[f] > 0 ? 1.0 / scales[f] : 0;
        }
        var values = LargePages.Allocate<byte>((long)n * d + padded);
        Parallel.For(0, n, i =>
        {
            var row = points[i];
            var bytes = values.AsSpan(i * d, d);
            for (int f = 0; f < d; f++)
                bytes[f] = (byte)Math.Clamp(Math.Round((row[f] - (double)offsets[f]) * inverse[f]), 0, Steps);
        });
        return new CompactRows(values, scales, offsets, n, d);
    }

    /// <summary>
    /// Writes the query as <see cref="SquaredDistance"/> takes it into <paramref name="prepared"/> (length
    /// <see cref="QueryLength"/>): each feature less its offset, zeros after the last feature.
    /// </summary>
    public void PrepareQuery(ReadOnlySpan<float> query, Span<float> prepared)
    {
        prepared.Clear();
        for (int f = 0; f < Dimension; f++)
            prepared[f] = query[f] - _offsets[f];
    }

    /// <summary>The approximate squared distance between a prepared query and row <paramref name="row"/> of the copy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float SquaredDistance(ReadOnlySpan<float> prepared, int row) =>
        VectorMath.CompactSquaredDistance(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_values), (nint)row * Dimension), _scales, prepared);

    /// <summary>
    /// The approximate squared distance between rows <paramref name="a"/> and <paramref name="b"/> of the copy: the sum
    /// over features of <c>(scale * (a - b))^2</c> (each feature off by at most a step). With AVX2 and FMA, eight values
    /// at a time.
    /// </summary>
    public float SquaredDistanceBetween(int a, int b)
    {
        ref byte first = ref MemoryMarshal.GetArrayDataReference(_values);
        return VectorMath.CompactPairSquaredDistance(ref Unsafe.Add(ref first, (nint)a * Dimension), ref Unsafe.Add(ref first, (nint)b * Dimension), _scales, Dimension);
    }

    /// <summary>Asks the processor to bring row <paramref name="row"/> into its caches (see <see cref="VectorMath.Prefetch{T}(T[], int, int)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(int row) => VectorMath.Prefetch(_values, row * Dimension, Dimension);

    /// <summary>The bytes of row <paramref name="row"/> (for tests).</summary>
    public ReadOnlySpan<byte> this[int row] => _values.AsSpan(row * Dimension, Dimension);

    /// <summary>Row <paramref name="row"/> as the copy holds it, in features (for tests).</summary>
    public float[] Decode(int row)
    {
        var bytes = this[row];
        var decoded = new float[Dimension];
        for (int f = 0; f < Dimension; f++)
            decoded[f] = _offsets[f] + _scales[f] * bytes[f];
        return decoded;
    }
}
