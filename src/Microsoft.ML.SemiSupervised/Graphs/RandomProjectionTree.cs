namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// A random projection tree: splits the rows in two by the hyperplane halfway between two random rows, recursively,
/// until each leaf holds at most a given number of rows. Rows in one leaf tend to be near one another, which makes
/// the leaves a good starting guess for nearest neighbours and a cache-friendly order for the rows.
/// </summary>
internal static class RandomProjectionTree
{
    /// <summary>The leaves: every row exactly once, grouped by leaf, leaves in tree order.</summary>
    public static List<int[]> Leaves(PointSet points, int leafSize, Random random)
    {
        var leaves = new List<int[]>();
        var pending = new Stack<int[]>();
        pending.Push(Enumerable.Range(0, points.Count).ToArray());
        var normal = new float[points.Dimension];
        while (pending.Count > 0)
        {
            var rows = pending.Pop();
            if (rows.Length <= leafSize)
            {
                leaves.Add(rows);
                continue;
            }
            var (left, right) = Split(points, rows, normal, random);
            pending.Push(right);
            pending.Push(left);
        }
        return leaves;
    }

    private static (int[] Left, int[] Right) Split(PointSet points, int[] rows, float[] normal, Random random)
    {
        var a = points[rows[random.Next(rows.Length)]];
        var b = points[rows[random.Next(rows.Length)]];
        for (int d = 0; d < normal.Length; d++)
            normal[d] = a[d] - b[d];
        var side = new bool[rows.Length];
        int leftCount = 0;
        for (int r = 0; r < rows.Length; r++)
        {
            // The side of x: the sign of normal . (x - (a + b) / 2), from the differences x - a and x - b (exact in
            // double), not from normal . x - normal . (a + b) / 2, whose terms cancel when the rows share a large offset.
            var x = points[rows[r]];
            double margin = 0;
            for (int d = 0; d < normal.Length; d++)
                margin += normal[d] * (((double)x[d] - a[d]) + ((double)x[d] - b[d]));
            side[r] = margin == 0 ? random.Next(2) == 0 : margin < 0;
            if (side[r])
                leftCount++;
        }
        if (leftCount == 0 || leftCount == rows.Length)
        {
            // Degenerate hyperplane (equal rows): split at random in halves.
            for (int r = 0; r < rows.Length; r++)
                side[r] = r < rows.Length / 2;
            leftCount = rows.Length / 2;
        }
        var left = new int[leftCount];
        var right = new int[rows.Length - leftCount];
        int l = 0, h = 0;
        for (int r = 0; r < rows.Length; r++)
        {
            if (side[r])
                left[l++] = rows[r];
            else
                right[h++] = rows[r];
        }
        return (left, right);
    }
}
