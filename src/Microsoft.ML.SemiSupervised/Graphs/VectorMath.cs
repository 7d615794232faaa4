using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>The distance kernel of every neighbour search: squared Euclidean distance with SIMD.</summary>
internal static class VectorMath
{
    /// <summary>
    /// Asks the processor to bring <paramref name="count"/> values of <paramref name="values"/> from
    /// <paramref name="start"/> into its caches, without waiting: a graph search names the rows (or links) it will read
    /// next, so their memory loads overlap instead of following one another. Only a hint (it never faults, and does
    /// nothing where the processor has no prefetch instruction); the array may move meanwhile, which only wastes the hint.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch<T>(T[] values, int start, int count)
        where T : unmanaged
    {
        if (!Sse.IsSupported || (uint)start >= (uint)values.Length)
            return;
        ref T first = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(values), start);
        byte* address = (byte*)Unsafe.AsPointer(ref first);
        byte* end = address + (long)count * sizeof(T);
        for (; address < end; address += 64)
            Sse.Prefetch0(address);
        Sse.Prefetch0(end - 1); // the last cache line, when the values do not start on a line's boundary
    }

    /// <summary>The squared Euclidean distance between two vectors of the same length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int i = 0;
        float sum = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            var acc = Vector<float>.Zero;
            for (int v = 0; v < va.Length; v++)
            {
                var diff = va[v] - vb[v];
                acc += diff * diff;
            }
            sum = Vector.Sum(acc);
            i = va.Length * Vector<float>.Count;
        }
        for (; i < a.Length; i++)
        {
            float diff = a[i] - b[i];
            sum += diff * diff;
        }
        return sum;
    }

    /// <summary>
    /// The squared distance between an 8-bit row (<see cref="CompactRows"/>) and a prepared query: the sum over
    /// values of <c>(scales[f] * row[f] - prepared[f])^2</c>, for the <c>scales.Length</c> values from
    /// <paramref name="row"/> (a whole number of 8-value chunks; the chunks' extra values have scale and query zero, and
    /// the bytes must be readable). With AVX2 and FMA, eight values at a time: bytes widened to floats, one fused
    /// multiply-subtract and one multiply-add.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float CompactSquaredDistance(ref byte row, ReadOnlySpan<float> scales, ReadOnlySpan<float> prepared)
    {
        if (Avx2.IsSupported && Fma.IsSupported)
        {
            ref float scale = ref MemoryMarshal.GetReference(scales);
            ref float query = ref MemoryMarshal.GetReference(prepared);
            var sum = Vector256<float>.Zero;
            for (int c = 0; c < scales.Length; c += 8)
            {
                ulong bytes = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref row, c));
                var values = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(Vector128.CreateScalarUnsafe(bytes).AsByte()));
                var difference = Fma.MultiplySubtract(Vector256.LoadUnsafe(ref scale, (nuint)c), values, Vector256.LoadUnsafe(ref query, (nuint)c));
                sum = Fma.MultiplyAdd(difference, difference, sum);
            }
            return Vector256.Sum(sum);
        }
        float total = 0;
        for (int f = 0; f < scales.Length; f++)
        {
            float difference = scales[f] * Unsafe.Add(ref row, f) - prepared[f];
            total += difference * difference;
        }
        return total;
    }

    /// <summary>
    /// The squared distance between two rows of an 8-bit copy (<see cref="CompactRows"/>, <see cref="CompactRowDistances"/>):
    /// <c>sum over f of (scales[f] * (a[f] - b[f]))^2</c> over whole 8-value chunks of <paramref name="scales"/> (the
    /// chunks' extra values have scale zero; at least 8 readable bytes after each row). With AVX2 and FMA eight features
    /// at a time: bytes widened to ints, subtracted, converted to floats, scaled, squared and summed in one fused
    /// multiply-add. The difference of a pair is negated exactly when the rows swap, so the distance does not depend on
    /// their order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float CompactPairSquaredDistance(ref byte a, ref byte b, float[] scales, int dimension)
    {
        if (Avx2.IsSupported && Fma.IsSupported)
        {
            ref float scale = ref MemoryMarshal.GetArrayDataReference(scales);
            var sum = Vector256<float>.Zero;
            for (int c = 0; c < scales.Length; c += 8)
            {
                var x = Avx2.ConvertToVector256Int32(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, c))).AsByte());
                var y = Avx2.ConvertToVector256Int32(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, c))).AsByte());
                var difference = Avx.Multiply(Avx.ConvertToVector256Single(Avx2.Subtract(x, y)), Vector256.LoadUnsafe(ref scale, (nuint)c));
                sum = Fma.MultiplyAdd(difference, difference, sum);
            }
            return Vector256.Sum(sum);
        }
        float total = 0;
        for (int f = 0; f < dimension; f++)
        {
            float difference = scales[f] * (Unsafe.Add(ref a, f) - Unsafe.Add(ref b, f));
            total += difference * difference;
        }
        return total;
    }
}
