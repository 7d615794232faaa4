using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>A sparse graph in compressed sparse row (CSR) form: row i's weights are entries RowStarts[i]..RowStarts[i+1]-1.</summary>
internal sealed class SparseGraph : AffinityGraph
{
    /// <param name="rowStarts">Where each row's entries start; one more element than rows.</param>
    /// <param name="columns">Each entry's column, ascending within a row.</param>
    /// <param name="weights">Each entry's weight.</param>
    /// <param name="isSymmetric">Whether the weights are symmetric (entry i, j exists exactly when j, i does, with the same weight).</param>
    public SparseGraph(long[] rowStarts, int[] columns, float[] weights, bool isSymmetric = false)
    {
        RowStarts = rowStarts;
        Columns = columns;
        Weights = weights;
        IsSymmetric = isSymmetric;
    }

    /// <summary>
    /// Whether entry i, j exists exactly when entry j, i does, with the same weight (a symmetrized graph): a column's
    /// entries, read down the rows, are then its row's entries read along, in the same order.
    /// </summary>
    public bool IsSymmetric { get; }

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
    /// <remarks>
    /// Three passes over the rows, each in parallel: count the edges back that a row receives, write every row's own
    /// edges and the edges back (each at a position taken atomically in its target row), then sort each row by column.
    /// A row's columns are distinct, so the sorted rows do not depend on the order the edges back arrived in.
    /// </remarks>
    public static SparseGraph FromNeighbors(NeighborLists neighbors, int neighborsPerRow, Func<float, float> weightOf, bool selfLoops, bool symmetrize)
    {
        int n = neighbors.RowCount;
        int k = neighbors.K;
        int own = neighborsPerRow + (selfLoops ? 1 : 0);
        var counts = new int[n];
        if (symmetrize)
        {
            ForRowBlocks(n, (first, end) =>
            {
                for (int i = first; i < end; i++)
                {
                    for (int t = 0; t < neighborsPerRow; t++)
                    {
                        int j = neighbors.Indices[i * k + t];
                        if (PositionOf(neighbors, neighborsPerRow, j, i) < 0)
                            Interlocked.Increment(ref counts[j]); // j does not list i: the edge back is an entry of its own
                    }
                }
            });
        }
        var starts = new long[n + 1];
        for (int i = 0; i < n; i++)
        {
            starts[i + 1] = starts[i] + own + counts[i];
            counts[i] = own; // from here on: the entries of row i written so far
        }
        var columns = new int[starts[n]];
        var weights = new float[starts[n]];
        ForRowBlocks(n, (first, end) =>
        {
            for (int i = first; i < end; i++)
            {
                long at = starts[i];
                if (selfLoops)
                {
                    columns[at] = i;
                    weights[at++] = 1f;
                }
                for (int t = 0; t < neighborsPerRow; t++, at++)
                {
                    int j = neighbors.Indices[i * k + t];
                    float w = weightOf(neighbors.SquaredDistances[i * k + t]);
                    columns[at] = j;
                    if (!symmetrize)
                    {
                        weights[at] = w;
                        continue;
                    }
                    int back = PositionOf(neighbors, neighborsPerRow, j, i);
                    if (back < 0)
                    {
                        weights[at] = w;
                        long there = starts[j] + Interlocked.Increment(ref counts[j]) - 1;
                        columns[there] = i;
                        weights[there] = w;
                    }
                    else
                    {
                        weights[at] = Math.Max(w, weightOf(neighbors.SquaredDistances[j * k + back])); // j adds its own edge to i the same way
                    }
                }
            }
        });
        return SortAndMerge(starts, columns, weights, symmetrize);
    }

    /// <summary>Runs <paramref name="body"/> over fixed blocks of the rows in parallel (first row, end row).</summary>
    private static void ForRowBlocks(int rowCount, Action<int, int> body)
    {
        int blocks = Math.Min(64, Math.Max(1, rowCount / 4096));
        if (blocks == 1)
        {
            body(0, rowCount);
            return;
        }
        Parallel.For(0, blocks, block => body((int)((long)rowCount * block / blocks), (int)((long)rowCount * (block + 1) / blocks)));
    }

    /// <summary>
    /// The bytes <see cref="FromNeighbors"/> holds at once for <paramref name="rowCount"/> rows and at most
    /// <paramref name="entryCount"/> entries: columns and weights (4 + 4 bytes an entry), the per-row counts (4 bytes a
    /// row) and the row starts (8 bytes a row).
    /// </summary>
    public static long Bytes(long rowCount, long entryCount) => 8 * entryCount + 4 * rowCount + 8 * (rowCount + 1);

    /// <summary>The bytes of a graph of <paramref name="rowCount"/> rows and <paramref name="entryCount"/> entries: columns, weights and row starts.</summary>
    public static long GraphBytes(long rowCount, long entryCount) => 8 * entryCount + 8 * (rowCount + 1);

    /// <summary>The bytes <see cref="NormalizeForSpreading"/> allocates for <paramref name="rowCount"/> rows: degrees, their inverse square roots and new row starts (8 bytes a row each).</summary>
    public static long NormalizeBytes(long rowCount) => 3 * 8 * (rowCount + 1);

    /// <summary>Where among its first <paramref name="count"/> neighbours row <paramref name="row"/> lists <paramref name="neighbor"/>; -1 if not (a list holds a row at most once).</summary>
    private static int PositionOf(NeighborLists neighbors, int count, int row, int neighbor) =>
        neighbors.Indices.AsSpan(row * neighbors.K, count).IndexOf(neighbor);

    /// <inheritdoc />
    /// <remarks>
    /// Each class sums its row's entries in entry order, a product then a sum (no fused multiply-add), so the result is
    /// the plain loop's to the bit; the classes go four (then two) at a time, and the rows a few entries ahead are
    /// prefetched (the sources are read in graph order, which is random across the rows).
    /// </remarks>
    public override void Multiply(double[] source, double[] destination, int width, int firstRow, int endRow)
    {
        ref double sources = ref MemoryMarshal.GetArrayDataReference(source);
        for (int i = firstRow; i < endRow; i++)
        {
            var row = destination.AsSpan(i * width, width);
            row.Clear();
            ref double target = ref MemoryMarshal.GetReference(row);
            long end = RowStarts[i + 1];
            for (long e = RowStarts[i]; e < end; e++)
            {
                if (e + PrefetchDistance < Columns.LongLength)
                    VectorMath.Prefetch(source, Columns[e + PrefetchDistance] * width, width);
                AddScaled(ref target, ref Unsafe.Add(ref sources, (nint)Columns[e] * width), Weights[e], width);
            }
        }
    }

    /// <summary>How many entries ahead <see cref="Multiply"/> prefetches the source row.</summary>
    private const int PrefetchDistance = 8;

    /// <summary><c>target[c] += weight * from[c]</c> for c below <paramref name="width"/>: a product then a sum, as the scalar loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaled(ref double target, ref double from, double weight, int width)
    {
        int c = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var w = Vector256.Create(weight);
            for (; c + 4 <= width; c += 4)
                (Vector256.LoadUnsafe(ref target, (nuint)c) + w * Vector256.LoadUnsafe(ref from, (nuint)c)).StoreUnsafe(ref target, (nuint)c);
        }
        if (Vector128.IsHardwareAccelerated)
        {
            var w = Vector128.Create(weight);
            for (; c + 2 <= width; c += 2)
                (Vector128.LoadUnsafe(ref target, (nuint)c) + w * Vector128.LoadUnsafe(ref from, (nuint)c)).StoreUnsafe(ref target, (nuint)c);
        }
        for (; c < width; c++)
            Unsafe.Add(ref target, c) += weight * Unsafe.Add(ref from, c);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The degrees are column sums taken down the rows in order; for a symmetric graph each is its own row's sum taken
    /// along the row, the same additions in the same order, so the rows are summed in parallel to the same bits. The
    /// weights are scaled in parallel in place; the diagonal, if any, is then dropped by moving the entries together.
    /// </remarks>
    public override AffinityGraph NormalizeForSpreading()
    {
        int n = RowCount;
        var degrees = new double[n];
        if (IsSymmetric)
        {
            ForRowBlocks(n, (first, end) =>
            {
                for (int i = first; i < end; i++)
                {
                    double sum = 0;
                    for (long e = RowStarts[i]; e < RowStarts[i + 1]; e++)
                    {
                        if (Columns[e] != i)
                            sum += Weights[e];
                    }
                    degrees[i] = sum;
                }
            });
        }
        else
        {
            for (int i = 0; i < n; i++)
            {
                for (long e = RowStarts[i]; e < RowStarts[i + 1]; e++)
                {
                    if (Columns[e] != i)
                        degrees[Columns[e]] += Weights[e];
                }
            }
        }
        var scale = SafeInverseSquareRoots(degrees);
        long diagonal = 0;
        ForRowBlocks(n, (first, end) =>
        {
            long found = 0;
            for (int i = first; i < end; i++)
            {
                for (long e = RowStarts[i]; e < RowStarts[i + 1]; e++)
                {
                    int j = Columns[e];
                    if (j == i)
                        found++;
                    else
                        Weights[e] = (float)(Weights[e] * scale[i] * scale[j]);
                }
            }
            Interlocked.Add(ref diagonal, found);
        });
        if (diagonal == 0)
            return new SparseGraph(RowStarts, Columns, Weights, IsSymmetric);
        var starts = new long[n + 1];
        long write = 0;
        for (int i = 0; i < n; i++)
        {
            for (long e = RowStarts[i]; e < RowStarts[i + 1]; e++)
            {
                if (Columns[e] == i)
                    continue;
                Columns[write] = Columns[e];
                Weights[write] = Weights[e];
                write++;
            }
            starts[i + 1] = write;
        }
        return new SparseGraph(starts, Columns, Weights, IsSymmetric);
    }

    /// <summary>
    /// Sorts each row's entries by column (in parallel) and merges equal columns into one entry of the larger weight;
    /// when a merge shortened a row, moves the rows together and rewrites <paramref name="starts"/> in place. The arrays
    /// are cut to the entries only then: a row's columns are distinct in every graph <see cref="FromNeighbors"/> builds.
    /// </summary>
    private static SparseGraph SortAndMerge(long[] starts, int[] columns, float[] weights, bool isSymmetric)
    {
        int n = starts.Length - 1;
        bool merged = false;
        ForRowBlocks(n, (first, end) =>
        {
            for (int i = first; i < end; i++)
            {
                long begin = starts[i];
                int length = (int)(starts[i + 1] - begin);
                var rowColumns = columns.AsSpan((int)begin, length);
                var rowWeights = weights.AsSpan((int)begin, length);
                SortByColumn(rowColumns, rowWeights);
                for (int e = 1; e < length; e++)
                {
                    if (rowColumns[e] == rowColumns[e - 1])
                        merged = true;
                }
            }
        });
        if (!merged)
            return new SparseGraph(starts, columns, weights, isSymmetric);
        long write = 0;
        long rowBegin = 0;
        for (int i = 0; i < n; i++)
        {
            long rowEnd = starts[i + 1];
            long rowStart = write;
            for (long e = rowBegin; e < rowEnd; e++)
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
            rowBegin = rowEnd;
            starts[i + 1] = write;
        }
        Array.Resize(ref columns, (int)write);
        Array.Resize(ref weights, (int)write);
        return new SparseGraph(starts, columns, weights, isSymmetric);
    }

    /// <summary>Sorts a row's entries by column: insertion sort for the short rows of a neighbour graph, the span sort for long ones.</summary>
    private static void SortByColumn(Span<int> columns, Span<float> weights)
    {
        if (columns.Length > 32)
        {
            columns.Sort(weights);
            return;
        }
        for (int e = 1; e < columns.Length; e++)
        {
            int column = columns[e];
            float weight = weights[e];
            int at = e - 1;
            while (at >= 0 && columns[at] > column)
            {
                columns[at + 1] = columns[at];
                weights[at + 1] = weights[at];
                at--;
            }
            columns[at + 1] = column;
            weights[at + 1] = weight;
        }
    }
}
