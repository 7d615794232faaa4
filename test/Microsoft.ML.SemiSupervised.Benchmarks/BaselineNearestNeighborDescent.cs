using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// The NN-descent of commit cf6d97f (before issue 12's fit work), kept unchanged for the side-by-side runs of
/// <see cref="DescentComparisonRun"/>: four sequential seeding trees, sequential reservoir sampling of candidates,
/// every new neighbour marked old once sampled or not, striped-lock updates, stop under 0.001 updated entries.
/// </summary>
internal static class BaselineNearestNeighborDescent
{
    private const double StopFraction = 0.001;
    private const int MaximumNumberOfIterations = 15;
    private const int InitialTreeCount = 4;
    private const int LockCount = 4096;

    /// <summary>The lists of <c>wanted * listFactor</c> neighbours, as the library's SearchLong returned them then.</summary>
    public static NeighborLists SearchLong(PointSet points, int wanted, int seed, out SearchTree? tree, int listFactor = 2, CancellationToken cancellation = default)
    {
        int n = points.Count;
        int k = Math.Min(wanted * listFactor, n - 1);
        tree = null;
        if (n <= 4 * (k + 1))
            return ExactNeighborSearch.Search(points, k, cancellation);
        float scale = DistanceScale.For(points);
        if (scale != 1f)
            points = DistanceScale.Apply(points, scale);
        tree = SearchTree.Build(points, Math.Max(2 * (k + 1), 32), seed);
        var order = tree.LeafRows.ToArray();
        var random = new Random(unchecked(seed + 1));
        var sorted = Permute(points, order);
        var lists = Descend(sorted, k, k, seed, random, cancellation);
        var indices = new int[(long)n * k];
        var distances = new float[(long)n * k];
        for (int i = 0; i < n; i++)
        {
            int row = order[i];
            for (int t = 0; t < k; t++)
            {
                indices[(long)row * k + t] = order[lists.Indices[(long)i * k + t]];
                distances[(long)row * k + t] = DistanceScale.Unscale(lists.SquaredDistances[(long)i * k + t], scale);
            }
        }
        return new NeighborLists(n, k, indices, distances);
    }

    private static PointSet Permute(PointSet points, int[] order)
    {
        int d = points.Dimension;
        var values = new float[points.Values.Length];
        for (int i = 0; i < order.Length; i++)
            points[order[i]].CopyTo(values.AsSpan(i * d, d));
        return new PointSet(values, d);
    }

    private static NeighborLists Descend(PointSet points, int k, int maxCandidates, int seed, Random random, CancellationToken cancellation)
    {
        int n = points.Count;
        var indices = new int[(long)n * k];
        var distances = new float[(long)n * k];
        var isNew = new bool[(long)n * k];
        var locks = Enumerable.Range(0, LockCount).Select(_ => new object()).ToArray();

        // Start: the rows of each leaf of a second tree are one another's candidates, the rest random rows.
        for (int i = 0; i < n; i++)
            TopK.Clear(indices.AsSpan(i * k, k), distances.AsSpan(i * k, k));
        for (int tree = 0; tree < InitialTreeCount; tree++)
        {
            var leaves = Leaves(points, Math.Max(k + 1, 16), random);
            Parallel.ForEach(leaves, new ParallelOptions { CancellationToken = cancellation }, leaf =>
            {
                for (int a = 0; a < leaf.Length; a++)
                    for (int b = a + 1; b < leaf.Length; b++)
                        Join(leaf[a], leaf[b], VectorMath.SquaredDistance(points[leaf[a]], points[leaf[b]]));
            });
        }
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellation }, i =>
        {
            var rowRandom = new Random(NearestNeighborDescent.RowSeed(seed, i));
            var rowIndices = indices.AsSpan(i * k, k);
            while (rowIndices[k - 1] < 0)
            {
                int j = rowRandom.Next(n);
                if (j != i)
                    Insert(i, j, VectorMath.SquaredDistance(points[i], points[j]));
            }
            isNew.AsSpan(i * k, k).Fill(true);
        });

        var newCandidates = new int[(long)n * maxCandidates];
        var oldCandidates = new int[(long)n * maxCandidates];
        var newCounts = new int[n];
        var oldCounts = new int[n];
        var seen = new int[n];
        var sampler = random;
        for (int iteration = 0; iteration < MaximumNumberOfIterations; iteration++)
        {
            cancellation.ThrowIfCancellationRequested();
            BuildCandidates(n, k, maxCandidates, indices, isNew, newCandidates, oldCandidates, newCounts, oldCounts, seen, sampler);
            long updates = 0;
            Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellation }, () => 0L, (i, _, local) =>
            {
                var fresh = newCandidates.AsSpan(i * maxCandidates, newCounts[i]);
                var old = oldCandidates.AsSpan(i * maxCandidates, oldCounts[i]);
                for (int a = 0; a < fresh.Length; a++)
                {
                    int u = fresh[a];
                    var pu = points[u];
                    for (int b = a + 1; b < fresh.Length; b++)
                        local += Join(u, fresh[b], VectorMath.SquaredDistance(pu, points[fresh[b]]));
                    for (int b = 0; b < old.Length; b++)
                    {
                        if (old[b] != u)
                            local += Join(u, old[b], VectorMath.SquaredDistance(pu, points[old[b]]));
                    }
                }
                return local;
            }, local => Interlocked.Add(ref updates, local));
            if (updates < StopFraction * n * k)
                break;
        }
        return new NeighborLists(n, k, indices, distances);

        int Join(int u, int v, float distance)
        {
            if (u == v)
                return 0;
            return Insert(u, v, distance) + Insert(v, u, distance);
        }

        int Insert(int row, int candidate, float distance)
        {
            if (distance >= distances[(long)row * k + k - 1])
                return 0;
            lock (locks[row % LockCount])
            {
                var rowIndices = indices.AsSpan(row * k, k);
                var rowDistances = distances.AsSpan(row * k, k);
                if (distance >= rowDistances[k - 1] || rowIndices.Contains(candidate))
                    return 0;
                var flags = isNew.AsSpan(row * k, k);
                int position = k - 1;
                while (position > 0 && rowDistances[position - 1] > distance)
                {
                    rowDistances[position] = rowDistances[position - 1];
                    rowIndices[position] = rowIndices[position - 1];
                    flags[position] = flags[position - 1];
                    position--;
                }
                rowDistances[position] = distance;
                rowIndices[position] = candidate;
                flags[position] = true;
                return 1;
            }
        }
    }

    /// <summary>
    /// Samples each row's candidates for the next join: its new and old neighbours and the rows listing it
    /// (reverse neighbours), at most k of each kind, by reservoir sampling; sampled new neighbours become old.
    /// </summary>
    private static void BuildCandidates(int n, int k, int m, int[] indices, bool[] isNew, int[] newCandidates, int[] oldCandidates,
        int[] newCounts, int[] oldCounts, int[] seen, Random random)
    {
        Array.Clear(newCounts);
        Array.Clear(oldCounts);
        Array.Clear(seen);
        var oldSeen = new int[n];
        for (int i = 0; i < n; i++)
        {
            for (int t = 0; t < k; t++)
            {
                long at = (long)i * k + t;
                int j = indices[at];
                if (j < 0)
                    continue;
                if (isNew[at])
                {
                    Sample(newCandidates, newCounts, seen, i, j);
                    Sample(newCandidates, newCounts, seen, j, i);
                    isNew[at] = false;
                }
                else
                {
                    Sample(oldCandidates, oldCounts, oldSeen, i, j);
                    Sample(oldCandidates, oldCounts, oldSeen, j, i);
                }
            }
        }

        void Sample(int[] candidates, int[] counts, int[] offered, int row, int candidate)
        {
            var list = candidates.AsSpan(row * m, counts[row]);
            if (list.Contains(candidate))
                return;
            int offeredSoFar = offered[row]++;
            if (counts[row] < m)
            {
                candidates[(long)row * m + counts[row]++] = candidate;
                return;
            }
            int slot = random.Next(offeredSoFar + 1);
            if (slot < m)
                candidates[(long)row * m + slot] = candidate;
        }
    }


    /// <summary>The leaves: every row exactly once, grouped by leaf, leaves in tree order.</summary>
    private static List<int[]> Leaves(PointSet points, int leafSize, Random random)
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
