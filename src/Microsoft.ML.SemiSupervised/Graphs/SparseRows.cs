namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// Rows of equal dimension in compressed sparse row (CSR) form: row i's non-zero values are
/// <c>Values[RowStarts[i] .. RowStarts[i+1]-1]</c> at the slots <c>Indices[...]</c>, ascending. Zeros are never
/// stored, so equal vectors have equal entries. The sparse counterpart of <see cref="PointSet"/>, for featurized text
/// and other high-dimensional rows that are mostly zeros.
/// </summary>
internal sealed class SparseRows
{
    private int[]? _lookup;

    public SparseRows(long[] rowStarts, int[] indices, float[] values, int dimension)
    {
        if (dimension <= 0 || rowStarts.Length == 0 || rowStarts[^1] > indices.Length || indices.Length != values.Length)
            throw new ArgumentException("The row starts, indices and values do not describe sparse rows.", nameof(rowStarts));
        RowStarts = rowStarts;
        Indices = indices;
        Values = values;
        Dimension = dimension;
        SquaredNorms = new double[Count];
        for (int i = 0; i < Count; i++)
        {
            double sum = 0;
            foreach (var v in RowValues(i))
                sum += (double)v * v;
            SquaredNorms[i] = sum;
        }
    }

    /// <summary>Where each row's entries start; one more element than rows.</summary>
    public long[] RowStarts { get; }

    /// <summary>Each entry's slot, ascending within a row.</summary>
    public int[] Indices { get; }

    /// <summary>Each entry's value, never zero.</summary>
    public float[] Values { get; }

    /// <summary>The number of slots per row.</summary>
    public int Dimension { get; }

    /// <summary>The number of rows.</summary>
    public int Count => RowStarts.Length - 1;

    /// <summary>The number of stored (non-zero) values.</summary>
    public long EntryCount => RowStarts[^1];

    /// <summary>Each row's squared Euclidean norm, in double.</summary>
    public double[] SquaredNorms { get; }

    /// <summary>The bytes these rows take: 8 per stored value and 8 per row.</summary>
    public long Bytes => EntryCount * (sizeof(int) + sizeof(float)) + (long)(Count + 1) * sizeof(long) + (long)Count * sizeof(double);

    /// <summary>Row <paramref name="row"/>'s non-zero slots, ascending.</summary>
    public ReadOnlySpan<int> RowIndices(int row) => Indices.AsSpan((int)RowStarts[row], (int)(RowStarts[row + 1] - RowStarts[row]));

    /// <summary>Row <paramref name="row"/>'s non-zero values, in the order of <see cref="RowIndices"/>.</summary>
    public ReadOnlySpan<float> RowValues(int row) => Values.AsSpan((int)RowStarts[row], (int)(RowStarts[row + 1] - RowStarts[row]));

    /// <summary>The rows as one dense row-major array (the caller checks that it fits).</summary>
    public PointSet ToDense()
    {
        var dense = new float[(long)Count * Dimension];
        for (int i = 0; i < Count; i++)
        {
            var indices = RowIndices(i);
            var values = RowValues(i);
            long offset = (long)i * Dimension;
            for (int e = 0; e < indices.Length; e++)
                dense[offset + indices[e]] = values[e];
        }
        return new PointSet(dense, Dimension);
    }

    /// <summary>The first row whose non-zero entries are exactly these (slots ascending, no zeros), or -1.</summary>
    public int Find(ReadOnlySpan<int> indices, ReadOnlySpan<float> values)
    {
        var lookup = _lookup ??= BuildLookup();
        int mask = lookup.Length - 1;
        for (int slot = Hash(indices, values) & mask; ; slot = (slot + 1) & mask)
        {
            int row = lookup[slot] - 1;
            if (row < 0)
                return -1;
            if (indices.SequenceEqual(RowIndices(row)) && values.SequenceEqual(RowValues(row)))
                return row;
        }
    }

    private int[] BuildLookup()
    {
        int size = 1;
        while (size < Count * 2)
            size <<= 1;
        var table = new int[size];
        int mask = size - 1;
        for (int row = 0; row < Count; row++)
        {
            var indices = RowIndices(row);
            var values = RowValues(row);
            for (int slot = Hash(indices, values) & mask; ; slot = (slot + 1) & mask)
            {
                int existing = table[slot] - 1;
                if (existing < 0)
                {
                    table[slot] = row + 1;
                    break;
                }
                if (indices.SequenceEqual(RowIndices(existing)) && values.SequenceEqual(RowValues(existing)))
                    break;
            }
        }
        return table;
    }

    private static int Hash(ReadOnlySpan<int> indices, ReadOnlySpan<float> values)
    {
        var hash = new HashCode();
        for (int e = 0; e < indices.Length; e++)
        {
            hash.Add(indices[e]);
            hash.Add(values[e]);
        }
        return hash.ToHashCode() & int.MaxValue;
    }
}
