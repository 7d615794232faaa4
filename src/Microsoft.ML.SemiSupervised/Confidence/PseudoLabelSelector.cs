namespace Microsoft.ML.SemiSupervised.Confidence;

/// <summary>
/// Chooses which predicted rows receive a pseudo-label: those at or above a confidence threshold, or
/// the k most confident; optionally capped per class to keep given class shares.
/// </summary>
/// <remarks>
/// Rows are ranked by confidence, highest first, ties broken by row order, so the choice is
/// deterministic. With class shares the rows taken keep those shares: the total is the largest that
/// every class can fill from its own candidates (at most what the criterion alone would take), divided
/// among the classes by their shares (largest remainders), and each class takes its quota of its own
/// most confident candidates. A class with no candidate therefore stops the selection: when the model
/// is confident about no row of a class, labeling only the other classes is how one class swallows
/// another's rows, iteration after iteration.
/// </remarks>
internal static class PseudoLabelSelector
{
    /// <summary>Selects by a confidence threshold: every row at or above it.</summary>
    public static int[] AboveThreshold(IReadOnlyList<ClassPrediction> predictions, double threshold, double[]? classShares)
    {
        var ranked = Rank(predictions).Where(i => predictions[i].Confidence >= threshold).ToArray();
        return Take(predictions, ranked, ranked.Length, classShares);
    }

    /// <summary>Selects the <paramref name="k"/> most confident rows (all of them when fewer).</summary>
    public static int[] MostConfident(IReadOnlyList<ClassPrediction> predictions, int k, double[]? classShares)
    {
        var ranked = Rank(predictions);
        return Take(predictions, ranked, Math.Min(k, ranked.Length), classShares);
    }

    /// <summary>Divides <paramref name="total"/> among classes in proportion to <paramref name="shares"/> (largest remainders).</summary>
    public static int[] Quotas(double[] shares, int total)
    {
        double sum = shares.Sum();
        var exact = shares.Select(s => sum > 0 ? s / sum * total : 0).ToArray();
        var quotas = exact.Select(e => (int)Math.Floor(e)).ToArray();
        int left = total - quotas.Sum();
        foreach (var c in Enumerable.Range(0, shares.Length).OrderByDescending(c => exact[c] - quotas[c]).ThenBy(c => c).Take(left))
            quotas[c]++;
        return quotas;
    }

    /// <summary>
    /// The largest total, at most <paramref name="count"/>, that keeps the shares: no class may need more
    /// candidates than it has, so the total is bounded by <c>candidates[c] / share[c]</c> for every class
    /// with a share (and is 0 when such a class has no candidate).
    /// </summary>
    private static int BalancedTotal(IReadOnlyList<ClassPrediction> predictions, int[] ranked, int count, double[] classShares)
    {
        var candidates = new int[classShares.Length];
        foreach (var i in ranked)
            candidates[predictions[i].Class]++;
        double sum = classShares.Sum();
        double total = count;
        for (int c = 0; c < classShares.Length; c++)
        {
            if (classShares[c] > 0)
                total = Math.Min(total, Math.Floor(candidates[c] / (classShares[c] / sum) + 1e-9));
        }
        return (int)total;
    }

    private static int[] Rank(IReadOnlyList<ClassPrediction> predictions) =>
        Enumerable.Range(0, predictions.Count).OrderByDescending(i => predictions[i].Confidence).ThenBy(i => i).ToArray();

    private static int[] Take(IReadOnlyList<ClassPrediction> predictions, int[] ranked, int count, double[]? classShares)
    {
        if (classShares is null)
            return ranked.Take(count).ToArray();
        var quotas = Quotas(classShares, BalancedTotal(predictions, ranked, count, classShares));
        var selected = new List<int>(count);
        foreach (var i in ranked)
        {
            int c = predictions[i].Class;
            if (quotas[c] > 0)
            {
                quotas[c]--;
                selected.Add(i);
            }
        }
        return selected.ToArray();
    }
}
