namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// The k nearest neighbours of every row, nearest first: row i's neighbours are
/// <c>Indices[i*K .. i*K+K-1]</c> with their squared distances alongside. A row never lists itself.
/// </summary>
internal sealed class NeighborLists
{
    public NeighborLists(int rowCount, int k, int[] indices, float[] squaredDistances)
    {
        RowCount = rowCount;
        K = k;
        Indices = indices;
        SquaredDistances = squaredDistances;
    }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The number of neighbours per row.</summary>
    public int K { get; }

    /// <summary>Each row's neighbours, nearest first.</summary>
    public int[] Indices { get; }

    /// <summary>The squared Euclidean distance to each neighbour.</summary>
    public float[] SquaredDistances { get; }

    /// <summary>The first <paramref name="wanted"/> neighbours of every row (this list itself when it has no more).</summary>
    public NeighborLists Cut(int wanted)
    {
        if (wanted >= K)
            return this;
        var indices = new int[(long)RowCount * wanted];
        var distances = new float[(long)RowCount * wanted];
        for (int i = 0; i < RowCount; i++)
        {
            Indices.AsSpan(i * K, wanted).CopyTo(indices.AsSpan(i * wanted, wanted));
            SquaredDistances.AsSpan(i * K, wanted).CopyTo(distances.AsSpan(i * wanted, wanted));
        }
        return new NeighborLists(RowCount, wanted, indices, distances);
    }

    /// <summary>The fraction of true neighbours (per <paramref name="exact"/>) that this list found.</summary>
    public double RecallAgainst(NeighborLists exact)
    {
        long found = 0;
        for (int i = 0; i < RowCount; i++)
        {
            var mine = new HashSet<int>(Indices.AsSpan(i * K, K).ToArray());
            for (int j = 0; j < exact.K; j++)
            {
                if (mine.Contains(exact.Indices[i * exact.K + j]))
                    found++;
            }
        }
        return (double)found / ((long)RowCount * exact.K);
    }
}
