using TorchSharp;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// The image augmentations' per-batch arrays (gather indexes, Cutout masks), kept per thread and per length and lent to
/// LibTorch without a copy. <c>torch.tensor(array, shape)</c> clones its array, so each batch left two large managed
/// arrays behind (a FixMatch step on 28x28 images about 15 MB); over an epoch they held the process at three times
/// the memory of the supervised fit. The tensor made here shares the buffer: dispose it before the next call on the
/// thread, and do not let autograd keep it (the rows it works on must not need gradients; then a copy is made).
/// </summary>
internal static class ReusedBuffers
{
    private const int MaximumKept = 8;

    [ThreadStatic]
    private static Dictionary<long, long[]>? t_indexes;

    [ThreadStatic]
    private static Dictionary<long, float[]>? t_masks;

    /// <summary>An index buffer of <paramref name="length"/> values (its old content left in place).</summary>
    public static long[] Index(long length) => Buffer(ref t_indexes, length);

    /// <summary>A mask buffer of <paramref name="length"/> values (its old content left in place).</summary>
    public static float[] Mask(long length) => Buffer(ref t_masks, length);

    /// <summary>
    /// A tensor of shape <paramref name="shape"/> over <paramref name="buffer"/>: shared when <paramref name="rows"/>
    /// need no gradient (nothing keeps it after the batch's operation), copied when they do (autograd keeps it).
    /// </summary>
    public static torch.Tensor Lend(Array buffer, torch.Tensor rows, params long[] shape)
    {
        if (rows.requires_grad)
        {
            return buffer switch
            {
                long[] longs => torch.tensor(longs, shape),
                float[] floats => torch.tensor(floats, shape),
                _ => throw new ArgumentException($"Unexpected buffer type {buffer.GetType()}.", nameof(buffer)),
            };
        }
        using var flat = torch.from_array(buffer);
        return flat.view(shape);
    }

    private static T[] Buffer<T>(ref Dictionary<long, T[]>? kept, long length)
    {
        kept ??= [];
        if (kept.TryGetValue(length, out var buffer))
            return buffer;
        if (kept.Count >= MaximumKept)
            kept.Clear();
        buffer = new T[length];
        kept[length] = buffer;
        return buffer;
    }
}
