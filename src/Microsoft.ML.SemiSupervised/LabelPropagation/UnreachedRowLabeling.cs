using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// Labels the rows the iteration left with an all-zero distribution (no path to a labeled row) by the rule
/// <see cref="UnreachedRowFallback"/> names, and marks them: their distributions are drawn toward uniform until their
/// confidence lies below that of every row the graph reached, so that sorting or filtering by Confidence drops them first.
/// </summary>
/// <remarks>
/// The nearest rows are found by brute force over the donor rows (the reached rows, or the labeled rows), for the
/// unreached rows only: cost unreached x donors x features, small whenever the graph reaches most rows (the symmetric
/// graph's usual case). Equal distances keep the lower row index first, so the result does not depend on timing.
/// </remarks>
internal static class UnreachedRowLabeling
{
    /// <summary>
    /// The least share of its own distribution a fallback row keeps (the rest is uniform), so that its class survives
    /// even when a reached row's confidence is a hair above uniform.
    /// </summary>
    private const double MinimumShare = 0.01;

    /// <summary>
    /// Labels the unreached rows of <paramref name="distributions"/> (row-major, <paramref name="classCount"/> a row) in
    /// place and returns how many it labeled.
    /// </summary>
    /// <param name="fallback">The rule.</param>
    /// <param name="distributions">Each row's distribution after the iteration; all zeros where unreached.</param>
    /// <param name="classes">Each row's class, -1 for unlabeled.</param>
    /// <param name="classCount">The number of classes.</param>
    /// <param name="numberOfNeighbors">How many reached rows <see cref="UnreachedRowFallback.NearestReachedRows"/> averages.</param>
    /// <param name="squaredDistance">The squared Euclidean distance between two rows.</param>
    /// <param name="cancellation">Stops the search.</param>
    public static int Apply(UnreachedRowFallback fallback, float[] distributions, int[] classes, int classCount, int numberOfNeighbors,
        Func<int, int, float> squaredDistance, CancellationToken cancellation)
    {
        if (fallback == UnreachedRowFallback.None)
            return 0;
        int n = classes.Length;
        var reached = new bool[n];
        var unreached = new List<int>();
        float lowestReached = 1;
        for (int i = 0; i < n; i++)
        {
            var row = distributions.AsSpan(i * classCount, classCount);
            int best = LabelPropagationModel.ArgMax(row);
            reached[i] = best >= 0;
            if (reached[i])
                lowestReached = Math.Min(lowestReached, row[best]);
            else
                unreached.Add(i);
        }
        if (unreached.Count == 0)
            return 0;
        bool fromLabeled = fallback == UnreachedRowFallback.NearestLabeledRow;
        var donors = Enumerable.Range(0, n).Where(i => fromLabeled ? classes[i] >= 0 : reached[i]).ToArray();
        int k = Math.Min(fromLabeled ? 1 : numberOfNeighbors, donors.Length);
        if (k == 0)
            return 0;
        double uniform = 1.0 / classCount;
        double share = Math.Max(MinimumShare, (lowestReached - uniform) / (1 - uniform) / 2);
        var labeled = new bool[unreached.Count];
        var options = new ParallelOptions { CancellationToken = cancellation };
        Parallel.For(0, unreached.Count, options, () => (new int[k], new float[k], new double[classCount]), (u, _, scratch) =>
        {
            var (indices, distances, sums) = scratch;
            int row = unreached[u];
            TopK.Clear(indices, distances);
            foreach (int donor in donors)
                TopK.Offer(indices, distances, donor, squaredDistance(row, donor));
            Array.Clear(sums);
            foreach (int donor in indices)
            {
                if (donor < 0)
                    continue;
                if (fromLabeled)
                {
                    sums[classes[donor]] += 1;
                    continue;
                }
                var source = distributions.AsSpan(donor * classCount, classCount);
                for (int c = 0; c < classCount; c++)
                    sums[c] += source[c];
            }
            double total = sums.Sum();
            if (total > 0)
            {
                var target = distributions.AsSpan(row * classCount, classCount);
                for (int c = 0; c < classCount; c++)
                    target[c] = (float)(uniform + share * (sums[c] / total - uniform));
                labeled[u] = true;
            }
            return scratch;
        }, _ => { });
        return labeled.Count(l => l);
    }

    /// <summary>The squared Euclidean distance between rows <paramref name="a"/> and <paramref name="b"/> of <paramref name="rows"/>.</summary>
    public static float SquaredDistance(SparseRows rows, int a, int b)
    {
        var aSlots = rows.RowIndices(a);
        var aValues = rows.RowValues(a);
        var bSlots = rows.RowIndices(b);
        var bValues = rows.RowValues(b);
        double sum = 0;
        int i = 0, j = 0;
        while (i < aSlots.Length || j < bSlots.Length)
        {
            if (j == bSlots.Length || (i < aSlots.Length && aSlots[i] < bSlots[j]))
            {
                sum += (double)aValues[i] * aValues[i];
                i++;
            }
            else if (i == aSlots.Length || bSlots[j] < aSlots[i])
            {
                sum += (double)bValues[j] * bValues[j];
                j++;
            }
            else
            {
                double difference = (double)aValues[i] - bValues[j];
                sum += difference * difference;
                i++;
                j++;
            }
        }
        return (float)sum;
    }
}
