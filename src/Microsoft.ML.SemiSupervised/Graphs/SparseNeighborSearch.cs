namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// Exact k-nearest-neighbour search (squared Euclidean distance) over sparse rows, without densifying: an inverted
/// index lists, for every slot, the rows with a non-zero value there and the value. A query walks the lists of its own
/// non-zero slots only, accumulating its dot product with every row that shares a slot (in double), and
/// <c>|x - y|^2 = |x|^2 + |y|^2 - 2 x.y</c>; a row sharing no slot is at <c>|x|^2 + |y|^2</c>, so those are taken in
/// order of their norms. The cost is the number of (query, row) pairs that share a slot, far below
/// <c>rows x slots</c> for text; memory is the rows once more plus 4 bytes a value (the index: each value's row and its
/// place in its list) and two arrays of the row count per thread.
/// </summary>
/// <remarks>
/// On rows of unit length (FeaturizeText's default L2 normalization, <c>NormalizeLpNorm</c>, or the estimator's
/// <c>Metric = Cosine</c>, which scales the rows first) the squared distance is <c>2 - 2 cos</c>, so the neighbours are
/// the nearest by cosine similarity. A single query (<see cref="Query"/>, <see cref="SearchEachRow"/>) breaks ties to
/// the lower row number among rows that share a slot with it; rows that share none come after them at equal distance.
/// <see cref="SearchAll"/> on text takes the symmetric pass (SparseNeighborSearch.AllPairs.cs), whose ties go to the
/// lower row number.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The per-thread scratch lives as long as the fitted model that queries new rows with this search; an ITransformer is not disposable, and ThreadLocal's finalizer frees it.")]
internal sealed partial class SparseNeighborSearch
{
    private readonly SparseRows _rows;
    private readonly long[] _postingStarts;
    private readonly int[] _postingRows;
    private readonly float[] _postingValues;
    private readonly int[] _entryPositions;
    private readonly int[] _byNorm;
    private readonly ThreadLocal<Scratch> _scratch;

    /// <summary>Builds the inverted index of <paramref name="rows"/>.</summary>
    public SparseNeighborSearch(SparseRows rows)
    {
        _rows = rows;
        int d = rows.Dimension;
        var counts = new long[d + 1];
        foreach (var slot in rows.Indices.AsSpan(0, (int)rows.EntryCount))
            counts[slot + 1]++;
        for (int f = 0; f < d; f++)
            counts[f + 1] += counts[f];
        _postingStarts = counts;
        _postingRows = new int[rows.EntryCount];
        _postingValues = new float[rows.EntryCount];
        _entryPositions = new int[rows.EntryCount];
        var fill = new long[d];
        Array.Copy(_postingStarts, fill, d);
        for (int i = 0; i < rows.Count; i++)
        {
            var indices = rows.RowIndices(i);
            var values = rows.RowValues(i);
            for (int e = 0; e < indices.Length; e++)
            {
                long at = fill[indices[e]]++;
                _postingRows[at] = i;
                _postingValues[at] = values[e];
                _entryPositions[rows.RowStarts[i] + e] = (int)at;
            }
        }
        _byNorm = Enumerable.Range(0, rows.Count).ToArray();
        var norms = rows.SquaredNorms;
        Array.Sort(_byNorm, (a, b) => norms[a] != norms[b] ? norms[a].CompareTo(norms[b]) : a.CompareTo(b));
        _scratch = new ThreadLocal<Scratch>(() => new Scratch(rows.Count));
    }

    /// <summary>The rows searched.</summary>
    public SparseRows Rows => _rows;

    /// <summary>
    /// The <paramref name="k"/> nearest other rows of every row, on all cores: by the symmetric pass
    /// (<see cref="SearchAllPairs"/>) when most pairs of rows share a slot (text), else row by row (<see cref="SearchEachRow"/>).
    /// </summary>
    public NeighborLists SearchAll(int k, CancellationToken cancellation = default) =>
        MostPairsShareASlot() ? SearchAllPairs(k, cancellation) : SearchEachRow(k, cancellation);

    /// <summary>
    /// The <paramref name="k"/> nearest other rows of every row, each row's list by its own query: every pair's dot product
    /// is computed from both ends, and rows that share no slot are taken by norm.
    /// </summary>
    public NeighborLists SearchEachRow(int k, CancellationToken cancellation = default)
    {
        var rows = _rows;
        int n = rows.Count;
        var indices = new int[(long)n * k];
        var distances = new float[(long)n * k];
        var parallel = new ParallelOptions { CancellationToken = cancellation };
        Parallel.For(0, n, parallel, i =>
        {
            Nearest(rows.RowIndices(i), rows.RowValues(i), rows.SquaredNorms[i], i, indices.AsSpan(i * k, k), distances.AsSpan(i * k, k));
        });
        return new NeighborLists(n, k, indices, distances);
    }

    /// <summary>
    /// The stored rows nearest to one query (slots ascending), nearest first, written into <paramref name="indices"/>
    /// and <paramref name="distances"/> (squared; their length is the number wanted). Safe on several threads at once.
    /// </summary>
    public void Query(ReadOnlySpan<int> slots, ReadOnlySpan<float> values, Span<int> indices, Span<float> distances)
    {
        double norm = 0;
        foreach (var v in values)
            norm += (double)v * v;
        Nearest(slots, values, norm, -1, indices, distances);
    }

    private void Nearest(ReadOnlySpan<int> slots, ReadOnlySpan<float> values, double queryNorm, int exclude, Span<int> indices, Span<float> distances)
    {
        TopK.Clear(indices, distances);
        var scratch = _scratch.Value!;
        var dots = scratch.Dots;
        var seen = scratch.Seen;
        var touched = scratch.Touched;
        int touchedCount = 0;
        for (int e = 0; e < slots.Length; e++)
        {
            double value = values[e];
            int slot = slots[e];
            if ((uint)slot >= (uint)_rows.Dimension)
                continue;
            for (long p = _postingStarts[slot]; p < _postingStarts[slot + 1]; p++)
            {
                int j = _postingRows[p];
                if (!seen[j])
                {
                    seen[j] = true;
                    touched[touchedCount++] = j;
                }
                dots[j] += value * _postingValues[p];
            }
        }

        var norms = _rows.SquaredNorms;
        // Offer the rows that share a slot in row order (ties: the lower row first).
        if (touchedCount > _rows.Count / 16)
        {
            for (int j = 0; j < dots.Length; j++)
            {
                if (seen[j] && j != exclude)
                    TopK.Offer(indices, distances, j, SquaredDistance(queryNorm, norms[j], dots[j]));
            }
        }
        else
        {
            Array.Sort(touched, 0, touchedCount);
            for (int t = 0; t < touchedCount; t++)
            {
                int j = touched[t];
                if (j != exclude)
                    TopK.Offer(indices, distances, j, SquaredDistance(queryNorm, norms[j], dots[j]));
            }
        }

        // Rows sharing no slot are at |x|^2 + |y|^2: the smallest norms first, as long as they can still enter.
        foreach (int j in _byNorm)
        {
            float distance = (float)(queryNorm + norms[j]);
            if (distance >= distances[^1])
                break;
            if (j != exclude && !seen[j])
                TopK.Offer(indices, distances, j, distance);
        }

        // Leave the scratch arrays empty for the next query.
        for (int t = 0; t < touchedCount; t++)
        {
            dots[touched[t]] = 0;
            seen[touched[t]] = false;
        }

    }

    private static float SquaredDistance(double queryNorm, double rowNorm, double dot) =>
        (float)Math.Max(queryNorm + rowNorm - 2 * dot, 0);

    /// <summary>One thread's working arrays: dot products, and which rows the current query touched.</summary>
    private sealed class Scratch
    {
        public Scratch(int rowCount)
        {
            Dots = new double[rowCount];
            Seen = new bool[rowCount];
            Touched = new int[rowCount];
        }

        public double[] Dots { get; }

        public bool[] Seen { get; }

        public int[] Touched { get; }
    }
}
