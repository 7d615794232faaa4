namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// The offers one thread's NN-descent joins make to the neighbour lists, kept until the joins of a block of rows end and
/// then applied part by part, each part of the lists by one thread (PyNNDescent's updates grouped by target row): no
/// lock, and no processor fence between one offer and the next, so the cache misses of many offers overlap. A part is
/// every <see cref="Parts"/>-th stripe of 64 rows, so the offers of a block, which mostly go to rows near the block's
/// (rows are in tree-leaf order), spread evenly over the parts. Each part holds a fixed number of offers; an offer that
/// finds its part full is refused (the caller applies it under a lock).
/// </summary>
internal sealed class DeferredOffers
{
    private const int StripeShift = 6; // stripes of 64 rows

    private readonly PendingOffer[] _offers; // part p's at p * _partCapacity
    private readonly int[] _counts;
    private readonly int _partCapacity;

    public DeferredOffers(int parts, int partCapacity)
    {
        if (parts < 1 || (parts & (parts - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(parts), parts, "A power of two.");
        Parts = parts;
        _partCapacity = partCapacity;
        _offers = new PendingOffer[(long)parts * partCapacity];
        _counts = new int[parts];
    }

    /// <summary>The number of parts (a power of two).</summary>
    public int Parts { get; }

    /// <summary>The offers held.</summary>
    public long Count { get; private set; }

    /// <summary>The number of parts for <paramref name="workers"/> threads: four a thread, a power of two.</summary>
    public static int PartsFor(int workers) => (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, 4 * workers));

    /// <summary>The part of the lists row <paramref name="row"/> belongs to.</summary>
    public static int PartOf(int row, int parts) => (row >> StripeShift) & (parts - 1);

    /// <summary>The bytes of a buffer of <paramref name="parts"/> parts of <paramref name="partCapacity"/> offers each.</summary>
    public static long Bytes(int parts, int partCapacity) => 12L * parts * partCapacity + 4L * parts;

    /// <summary>Keeps an offer of <paramref name="candidate"/> at <paramref name="distance"/> to row <paramref name="target"/>'s list; false when its part is full.</summary>
    public bool TryAdd(int target, int candidate, float distance)
    {
        int part = PartOf(target, Parts);
        int count = _counts[part];
        if (count == _partCapacity)
            return false;
        _offers[part * _partCapacity + count] = new PendingOffer(target, candidate, distance);
        _counts[part] = count + 1;
        Count++;
        return true;
    }

    /// <summary>The offers kept for part <paramref name="part"/>.</summary>
    public ReadOnlySpan<PendingOffer> Part(int part) => _offers.AsSpan(part * _partCapacity, _counts[part]);

    /// <summary>Forgets every offer.</summary>
    public void Clear()
    {
        Array.Clear(_counts);
        Count = 0;
    }
}
