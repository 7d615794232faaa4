using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>The distance kernel of every neighbour search: squared Euclidean distance with SIMD.</summary>
internal static class VectorMath
{
    /// <summary>
    /// Asks the processor to bring <paramref name="count"/> values of <paramref name="values"/> from
    /// <paramref name="start"/> into its caches, without waiting: a graph search names the rows it will read next, so
    /// their memory loads overlap instead of following one another. Only a hint (it never faults, and does nothing
    /// where the processor has no prefetch instruction); the array may move meanwhile, which only wastes the hint.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch(float[] values, int start, int count)
    {
        if (!Sse.IsSupported || (uint)start >= (uint)values.Length)
            return;
        ref float first = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(values), start);
        byte* address = (byte*)Unsafe.AsPointer(ref first);
        byte* end = address + (long)count * sizeof(float);
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
}
