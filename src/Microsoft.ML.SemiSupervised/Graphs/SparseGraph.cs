namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>A sparse graph in compressed sparse row (CSR) form: row i's weights are entries RowStarts[i]..RowStarts[i+1]-1.</summary>
internal sealed class SparseGraph : AffinityGraph
{
    public SparseGraph(long[] rowStarts, int[] columns, float[] weights)
    {
        RowStarts = rowStarts;
        Columns = columns;
        Weights = weights;
    }

    /// <summary>Where each row's entries start; one more element than rows.</summary>
    public long[] RowStarts { get; }

    /// <summary>Each entry's column, ascending within a row; the arrays may be longer than <see cref="EntryCount"/>.</summary>
    public int[] Columns { get; }

    /// <summary>Each entry's weight.</summary>
    public float[] Weights { get; }

    /// <inheritdoc />
    public override int RowCount => RowStarts.Length - 1;

    /// <inheritdoc />
    public override long EntryCount => RowStarts[^1];

    /// <summary>
    /// The graph of each row's neighbours: a self-loop of weight 1 when <paramref name="selfLoops"/>, then an edge
    /// to each neighbour weighted by <paramref name="weightOf"/> (of the squared distance). With
    /// <paramref name="symmetrize"/>, an edge in either direction becomes an edge in both (the larger weight): a pair
    /// listing each other is one entry a direction, counted before the arrays are allocated, so they hold exactly the
    /// graph's entries (<see cref="Bytes"/>) and are never copied.
    /// </summary>
    public static SparseGraph FromNeighbors(NeighborLists neighbors, int neighborsPerRow, Func<float, float> weightOf, bool selfLoops, bool symmetrize)
    {
        int n = neighbors.RowCount;
        int k = neighbors.K;
        var counts = new int[n];
        for (int i = 0; i < n; i++)
        {
            counts[i] += neighborsPerRow + (selfLoops ? 1 : 0);
            if (symmetrize)
            {
                for (int t = 0; t < neighborsPerRow; t++)
                {
                    int j = neighbors.Indices[i * k + t];
                    if (PositionOf(neighbors, neighborsPerRow, j, i) < 0)
                        counts[j]++; // j does not list i: the edge back is an entry of its own
                }
            }
        }
        var starts = new long[n + 1];
        for (int i = 0; i < n; i++)
            starts[i + 1] = starts[i] + counts[i];
        var columns = new int[starts[n]];
        var weights = new float[starts[n]];
        var fill = new long[n];
        Array.Copy(starts, fill, n);
        for (int i = 0; i < n; i++)
        {
            if (selfLoops)
                Add(i, i, 1f);
            for (int t = 0; t < neighborsPerRow; t++)
            {
                int j = neighbors.Indices[i * k + t];
                float w = weightOf(neighbors.SquaredDistances[i * k + t]);
                if (!symmetrize)
                {
                    Add(i, j, w);
                    continue;
                }
                int back = PositionOf(neighbors, neighborsPerRow, j, i);
                if (back < 0)
                {
                    Add(i, j, w);
                    Add(j, i, w);
                }
                else
                {
                    Add(i, j, Math.Max(w, weightOf(neighbors.SquaredDistances[j * k + back]))); // j adds its own edge to i the same way
                }
            }
        }
        return SortAndMerge(starts, columns, weights);

        void Add(int row, int column, float weight)
        {
            long at = fill[row]++;
            columns[at] = column;
            weights[at] = weight;
        }
    }

    /// <summary>
    /// The bytes <see cref="FromNeighbors"/> holds at once for <paramref name="rowCount"/> rows and at most
    /// <paramref name="entryCount"/> entries: columns and weights (4 + 4 bytes an entry), the per-row counts (4 bytes a
    /// row), the row starts twice and the fill positions (8 bytes a row each).
    /// </summary>
    public static long Bytes(long rowCount, long entryCount) => 8 * entryCount + 4 * rowCount + 3 * 8 * (rowCount + 1);

    /// <summary>The bytes of a graph of <paramref name="rowCount"/> rows and <paramref name="entryCount"/> entries: columns, weights and row starts.</summary>
    public static long GraphBytes(long rowCount, long entryCount) => 8 * entryCount + 8 * (rowCount + 1);

    /// <summary>The bytes <see cref="NormalizeForSpreading"/> allocates for <paramref name="rowCount"/> rows: degrees, their inverse square roots and new row starts (8 bytes a row each).</summary>
    public static long NormalizeBytes(long rowCount) => 3 * 8 * (rowCount + 1);

    /// <summary>Where among its first <paramref name="count"/> neighbours row <paramref name="row"/> lists <paramref name="neighbor"/>; -1 if not (a list holds a row at most once).</summary>
    private static int PositionOf(NeighborLists neighbors, int count, int row, int neighbor) =>
        neighbors.Indices.AsSpan(row * neighbors.K, count).IndexOf(neighbor);

    /// <inheritdoc />
    public override void Multiply(double[] source, double[] destination, int width, int firstRow, int endRow)
    {
        for (int i = firstRow; i < endRow; i++)
        {
            var row = destination.AsSpan(i * width, width);
            row.Clear();
            for (long e = RowStarts[i]; e < RowStarts[i + 1]; e++)
            {
                double w = Weights[e];
                var from = source.AsSpan(Columns[e] * width, width);
                for (int c = 0; c < width; c++)
                    row[c] += w * from[c];
            }
        }
    }

    /// <inheritdoc />
    public override AffinityGraph NormalizeForSpreading()
    {
        int n = RowCount;
        var degrees = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (long e = RowStarts[i]; e < RowStarts[i + 1]; e++)
            {
                if (Columns[e] != i)
                    degrees[Columns[e]] += Weights[e];
            }
        }
        var scale = SafeInverseSquareRoots(degrees);
        var starts = new long[n + 1];
        long write = 0;
        for (int i = 0; i < n; i++)
        {
            for (long e = RowStarts[i]; e < RowStarts[i + 1]; e++)
            {
                int j = Columns[e];
                if (j == i)
                    continue;
                Columns[write] = j;
                Weights[write] = (float)(Weights[e] * scale[i] * scale[j]);
                write++;
            }
            starts[i + 1] = write;
        }
        return new SparseGraph(starts, Columns, Weights);
    }

    private static SparseGraph SortAndMerge(long[] starts, int[] columns, float[] weights)
    {
        int n = starts.Length - 1;
        var newStarts = new long[n + 1];
        long write = 0;
        for (int i = 0; i < n; i++)
        {
            long begin = starts[i];
            int length = (int)(starts[i + 1] - begin);
            Array.Sort(columns, weights, (int)begin, length);
            long rowStart = write;
            for (long e = begin; e < begin + length; e++)
            {
                if (write > rowStart && columns[write - 1] == columns[e])
                {
                    weights[write - 1] = Math.Max(weights[write - 1], weights[e]);
                    continue;
                }
                columns[write] = columns[e];
                weights[write] = weights[e];
                write++;
            }
            newStarts[i + 1] = write;
        }
        Array.Resize(ref columns, (int)write);
        Array.Resize(ref weights, (int)write);
        return new SparseGraph(newStarts, columns, weights);
    }
}
