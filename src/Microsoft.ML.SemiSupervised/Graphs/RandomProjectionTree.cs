namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// A random projection tree: splits the rows in two by the hyperplane halfway between two random rows, recursively,
/// until each leaf holds at most a given number of rows. Rows in one leaf tend to be near one another, which makes
/// the leaves a good starting guess for nearest neighbours and a cache-friendly order for the rows.
/// </summary>
internal static class RandomProjectionTree
{
    /// <summary>
    /// The leaves: every row exactly once in the returned array, grouped by leaf, leaves in tree order (left before
    /// right); leaf <c>l</c> is <c>rows[leafStarts[l] .. leafStarts[l + 1] - 1]</c>, and <paramref name="leafStarts"/>
    /// ends with the row count. The rows are split in place (no array a node), so a tree over n rows costs
    /// 8 bytes a row while it is built.
    /// </summary>
    public static int[] Leaves(PointSet points, int leafSize, Random random, List<int> leafStarts)
    {
        int n = points.Count;
        var rows = new int[n];
        for (int i = 0; i < n; i++)
            rows[i] = i;
        var spare = new int[n];
        var normal = new float[points.Dimension];
        leafStarts.Clear();
        var pending = new Stack<(int Start, int End)>();
        pending.Push((0, n));
        while (pending.Count > 0)
        {
            var (start, end) = pending.Pop();
            if (end - start <= leafSize)
            {
                leafStarts.Add(start);
                continue;
            }
            int middle = Split(points, rows.AsSpan(start, end - start), spare.AsSpan(start, end - start), normal, random) + start;
            pending.Push((middle, end));
            pending.Push((start, middle));
        }
        leafStarts.Add(n);
        return rows;
    }

    /// <summary>
    /// Puts the rows left of the hyperplane first, each side in its former order (the right ones pass through
    /// <paramref name="spare"/>); returns how many are left.
    /// </summary>
    private static int Split(PointSet points, Span<int> rows, Span<int> spare, float[] normal, Random random)
    {
        var a = points[rows[random.Next(rows.Length)]];
        var b = points[rows[random.Next(rows.Length)]];
        for (int d = 0; d < normal.Length; d++)
            normal[d] = a[d] - b[d];
        int left = 0, right = 0;
        for (int r = 0; r < rows.Length; r++)
        {
            int row = rows[r];
            double margin = Margin(points[row], a, b, normal);
            if (margin < 0 || (margin == 0 && random.Next(2) == 0))
                rows[left++] = row;
            else
                spare[right++] = row;
        }
        spare[..right].CopyTo(rows[left..]);
        // A degenerate hyperplane (equal rows) leaves one side empty: then halves, the rows as they stand.
        return left == 0 || right == 0 ? rows.Length / 2 : left;
    }

    /// <summary>
    /// The side of <paramref name="x"/>: normal . (x - (a + b) / 2), doubled, from the differences x - a and x - b (exact
    /// in double), not from normal . x - normal . (a + b) / 2, whose terms cancel when the rows share a large offset.
    /// Four sums side by side (a quarter of the dependent additions), added in a fixed order.
    /// </summary>
    private static double Margin(ReadOnlySpan<float> x, ReadOnlySpan<float> a, ReadOnlySpan<float> b, float[] normal)
    {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int d = 0;
        for (; d + 4 <= normal.Length; d += 4)
        {
            s0 += normal[d] * (((double)x[d] - a[d]) + ((double)x[d] - b[d]));
            s1 += normal[d + 1] * (((double)x[d + 1] - a[d + 1]) + ((double)x[d + 1] - b[d + 1]));
            s2 += normal[d + 2] * (((double)x[d + 2] - a[d + 2]) + ((double)x[d + 2] - b[d + 2]));
            s3 += normal[d + 3] * (((double)x[d + 3] - a[d + 3]) + ((double)x[d + 3] - b[d + 3]));
        }
        for (; d < normal.Length; d++)
            s0 += normal[d] * (((double)x[d] - a[d]) + ((double)x[d] - b[d]));
        return (s0 + s1) + (s2 + s3);
    }
}
