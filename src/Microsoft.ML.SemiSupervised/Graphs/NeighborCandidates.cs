namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// The candidates of one NN-descent iteration: for every row, at most <see cref="Capacity"/> of its new neighbours and
/// of the rows that newly list it (the new candidates), and as many of its old neighbours and old reverse neighbours
/// (the old candidates). A row offered more than that keeps those of smallest priority (a max-heap once full), a hash of the iteration's salt,
/// the row and the candidate (PyNNDescent's sampling), so the sample does not depend on the order of the offers or on the
/// number of threads. Costs <c>8 * Capacity + 10</c> bytes a row.
/// </summary>
internal sealed class NeighborCandidates
{
    private const int Ahead = 2; // rows

    private readonly int[] _new;
    private readonly int[] _old;
    private readonly byte[] _newCounts;
    private readonly byte[] _oldCounts;
    private readonly uint[] _newLargest; // the largest priority in a full pool
    private readonly uint[] _oldLargest;

    public NeighborCandidates(int rowCount, int capacity)
    {
        if (capacity < 1 || capacity > byte.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Between 1 and 255 candidates a row.");
        RowCount = rowCount;
        Capacity = capacity;
        _new = new int[(long)rowCount * capacity];
        _old = new int[(long)rowCount * capacity];
        _newCounts = new byte[rowCount];
        _oldCounts = new byte[rowCount];
        _newLargest = new uint[rowCount];
        _oldLargest = new uint[rowCount];
    }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The most candidates of each kind a row keeps.</summary>
    public int Capacity { get; }

    /// <summary>Row <paramref name="row"/>'s new candidates.</summary>
    public ReadOnlySpan<int> New(int row) => _new.AsSpan(row * Capacity, _newCounts[row]);

    /// <summary>Row <paramref name="row"/>'s old candidates.</summary>
    public ReadOnlySpan<int> Old(int row) => _old.AsSpan(row * Capacity, _oldCounts[row]);

    /// <summary>
    /// Samples the candidates of every row from the lists (<paramref name="k"/> a row, -1 for none) and their flags
    /// (non-zero: new; old candidates only for rows with new ones), then marks old every new neighbour that was sampled as a new candidate of its row (the others
    /// stay new for the next iteration). Each part of the rows reads every list and keeps what falls into its rows; the
    /// flags are marked after every part has read them, so the candidates depend on the lists and flags alone, not on the
    /// number of workers or their timing.
    /// </summary>
    public void Sample(int[] indices, byte[] flags, int k, ulong salt, ParallelOptions options)
    {
        int n = RowCount;
        int parts = Math.Max(1, Math.Min(Environment.ProcessorCount, n / 4096));
        Parallel.For(0, parts, options, part =>
        {
            int first = (int)((long)n * part / parts), end = (int)((long)n * (part + 1) / parts);
            _newCounts.AsSpan(first, end - first).Clear();
            _oldCounts.AsSpan(first, end - first).Clear();
            // The new candidates first; then the old ones, only for rows with new candidates (old pairs are never compared).
            for (int pass = 0; pass < 2; pass++)
            {
                bool fresh = pass == 0;
                var pools = fresh ? _new : _old;
                for (int i = 0; i < n; i++)
                {
                    bool mine = i >= first && i < end && (fresh || _newCounts[i] > 0);
                    long at = (long)i * k;
                    if (i + Ahead < n)
                    {
                        // The pools the reverse offers of a row a few ahead will reach (rows anywhere in the part): their
                        // cache misses overlap instead of following one another.
                        for (long e = at + Ahead * k; e < at + (Ahead + 1) * k; e++)
                        {
                            int j = indices[e];
                            if (j >= first && j < end)
                                VectorMath.Prefetch(pools, j * Capacity, Capacity);
                        }
                    }
                    for (int t = 0; t < k; t++)
                    {
                        int j = indices[at + t];
                        if (j < 0 || (flags[at + t] != 0) != fresh)
                            continue;
                        if (mine)
                            Offer(fresh, i, j, salt);
                        if (j >= first && j < end && (fresh || _newCounts[j] > 0))
                            Offer(fresh, j, i, salt);
                    }
                }
            }
        });
        // Only once every part has read the flags: a part that marked its rows while another still read them would make
        // that part take new pairs for old ones, so the candidates would depend on which part finished first.
        Parallel.For(0, parts, options, part =>
        {
            int first = (int)((long)n * part / parts), end = (int)((long)n * (part + 1) / parts);
            // A new neighbour was sampled when the pool kept all it was offered or its priority is within the kept ones'.
            for (int i = first; i < end; i++)
            {
                long at = (long)i * k;
                bool all = _newCounts[i] < Capacity;
                for (int t = 0; t < k; t++)
                {
                    if (flags[at + t] != 0 && (all || Priority(salt, i, indices[at + t]) <= _newLargest[i]))
                        flags[at + t] = 0;
                }
            }
        });
    }

    private void Offer(bool fresh, int row, int candidate, ulong salt)
    {
        var pools = fresh ? _new : _old;
        var counts = fresh ? _newCounts : _oldCounts;
        var largest = fresh ? _newLargest : _oldLargest;
        int count = counts[row];
        var pool = pools.AsSpan(row * Capacity, Capacity);
        if (count < Capacity)
        {
            if (pool[..count].Contains(candidate))
                return;
            pool[count] = candidate;
            counts[row] = (byte)++count;
            if (count == Capacity)
            {
                // Full: a max-heap by priority from now on, so a replacement rehashes a path, not the whole pool.
                for (int parent = Capacity / 2 - 1; parent >= 0; parent--)
                    SiftDown(pool, parent, row, salt);
                largest[row] = Priority(salt, row, pool[0]);
            }
            return;
        }
        uint priority = Priority(salt, row, candidate);
        if (priority >= largest[row] || pool.Contains(candidate))
            return;
        pool[0] = candidate;
        SiftDown(pool, 0, row, salt);
        largest[row] = Priority(salt, row, pool[0]);
    }

    /// <summary>Moves <c>heap[slot]</c> down until no child has a larger priority (a max-heap of the row's candidates).</summary>
    private static void SiftDown(Span<int> heap, int slot, int row, ulong salt)
    {
        int item = heap[slot];
        uint priority = Priority(salt, row, item);
        while (true)
        {
            int child = 2 * slot + 1;
            if (child >= heap.Length)
                break;
            uint childPriority = Priority(salt, row, heap[child]);
            if (child + 1 < heap.Length)
            {
                uint rightPriority = Priority(salt, row, heap[child + 1]);
                if (rightPriority > childPriority)
                {
                    child++;
                    childPriority = rightPriority;
                }
            }
            if (childPriority <= priority)
                break;
            heap[slot] = heap[child];
            slot = child;
        }
        heap[slot] = item;
    }

    /// <summary>The priority of <paramref name="candidate"/> for <paramref name="row"/>: SplitMix64's mix of the pair and the salt.</summary>
    internal static uint Priority(ulong salt, int row, int candidate)
    {
        ulong z = unchecked(((ulong)(uint)row << 32 | (uint)candidate) ^ salt);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (uint)((z ^ (z >> 31)) >> 32);
    }
}
