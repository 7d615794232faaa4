namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// The symmetric pass of the sparse search, for rows of which most pairs share a slot (featurized text: common
/// character n-grams are in most rows). Row i walks, in each posting list of its slots, only the rows after itself
/// (posting lists are in row order, and each entry knows its position in its list), so every pair's dot product is
/// accumulated once, from its lower row, instead of once from each end: half the multiply-adds of
/// <see cref="SearchEachRow"/>, which is nearly the whole cost. Row i then offers each later row j to its own list and
/// itself to j's list (under a lock striped over the rows; most offers are turned away by a read of j's current k-th
/// distance without the lock). Rows that share no slot are pairs like any other (a dot product of 0).
/// </summary>
/// <remarks>
/// The lists keep the k smallest candidates in the order (distance, row number): the result does not depend on the
/// order in which the threads offer, and ties go to the lower row (as brute force ordered that way). Each pair's
/// distance is computed once, so it is the same in both rows' lists.
/// </remarks>
internal sealed partial class SparseNeighborSearch
{
    private const int LockStripes = 1024;

    /// <summary>
    /// Whether the pairs that share a slot, counted with multiplicity (the posting work of one side of every pair),
    /// reach a sixteenth of all pairs: then the symmetric pass, which visits every pair, costs little beyond the posting work.
    /// </summary>
    private bool MostPairsShareASlot()
    {
        double postingWork = 0;
        for (int f = 0; f < _rows.Dimension; f++)
        {
            double length = _postingStarts[f + 1] - _postingStarts[f];
            postingWork += length * (length - 1) / 2;
        }
        double pairs = (double)_rows.Count * (_rows.Count - 1) / 2;
        return _rows.Count > 1 && postingWork > pairs / 16;
    }

    /// <summary>The <paramref name="k"/> nearest other rows of every row by the symmetric pass (see the type's remarks).</summary>
    public NeighborLists SearchAllPairs(int k, CancellationToken cancellation = default)
    {
        var rows = _rows;
        int n = rows.Count;
        var indices = new int[(long)n * k];
        var distances = new float[(long)n * k];
        indices.AsSpan().Fill(-1);
        distances.AsSpan().Fill(float.PositiveInfinity);
        var locks = new object[Math.Min(LockStripes, n)];
        for (int l = 0; l < locks.Length; l++)
            locks[l] = new object();
        var norms = rows.SquaredNorms;
        // One array of n dot products per worker: at most one worker per core.
        var parallel = new ParallelOptions { CancellationToken = cancellation, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, n, parallel, () => (Dots: new double[n], Own: new Candidates(k)), (i, _, scratch) =>
        {
            var dots = scratch.Dots;
            var slots = rows.RowIndices(i);
            var values = rows.RowValues(i);
            long start = rows.RowStarts[i];
            for (int e = 0; e < slots.Length; e++)
            {
                double value = values[e];
                long end = _postingStarts[slots[e] + 1];
                for (long p = _entryPositions[start + e] + 1; p < end; p++)
                    dots[_postingRows[p]] += value * _postingValues[p];
            }

            // Every later row, sharing a slot or not (a dot product of 0), to row i's own list and row i to its list.
            var own = scratch.Own;
            own.Clear();
            double norm = norms[i];
            for (int j = i + 1; j < n; j++)
            {
                float distance = SquaredDistance(norm, norms[j], dots[j]);
                dots[j] = 0;
                own.Offer(j, distance);
                // A list's k-th distance only falls: a stale read lets more offers through to the check under the lock, never fewer.
                if (distance <= Volatile.Read(ref distances[j * k + k - 1]))
                {
                    lock (locks[j % locks.Length])
                        Insert(indices.AsSpan(j * k, k), distances.AsSpan(j * k, k), i, distance);
                }
            }
            lock (locks[i % locks.Length])
            {
                for (int t = 0; t < own.Count; t++)
                    Insert(indices.AsSpan(i * k, k), distances.AsSpan(i * k, k), own.Indices[t], own.Distances[t]);
            }
            return scratch;
        }, _ => { });
        return new NeighborLists(n, k, indices, distances);
    }

    /// <summary>Whether (distance, row) comes before (other distance, other row): nearer first, then the lower row; an empty slot (-1) comes last.</summary>
    private static bool Precedes(float distance, int row, float otherDistance, int otherRow) =>
        distance < otherDistance || (distance == otherDistance && (otherRow < 0 || row < otherRow));

    /// <summary>Inserts (row, distance) into a list sorted by <see cref="Precedes"/>, dropping its last entry, if it comes before that entry.</summary>
    private static void Insert(Span<int> indices, Span<float> distances, int row, float distance)
    {
        int position = indices.Length - 1;
        if (!Precedes(distance, row, distances[position], indices[position]))
            return;
        while (position > 0 && Precedes(distance, row, distances[position - 1], indices[position - 1]))
        {
            distances[position] = distances[position - 1];
            indices[position] = indices[position - 1];
            position--;
        }
        distances[position] = distance;
        indices[position] = row;
    }

    /// <summary>One thread's list of the nearest later rows of the row it is on, before they join the row's shared list.</summary>
    private sealed class Candidates(int k)
    {
        public int[] Indices { get; } = new int[k];

        public float[] Distances { get; } = new float[k];

        public int Count { get; private set; }

        public void Clear()
        {
            Indices.AsSpan().Fill(-1);
            Distances.AsSpan().Fill(float.PositiveInfinity);
            Count = 0;
        }

        public void Offer(int row, float distance)
        {
            if (!Precedes(distance, row, Distances[^1], Indices[^1]))
                return;
            Insert(Indices, Distances, row, distance);
            Count = Math.Min(Count + 1, Indices.Length);
        }
    }
}
