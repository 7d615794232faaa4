namespace Microsoft.ML.SemiSupervised.Selection;

/// <summary>
/// Keeps the class proportions of the labeled rows among the rows another rule pseudo-labels, so that one class
/// cannot swallow the pool iteration after iteration.
/// </summary>
/// <remarks>
/// <para>
/// The rows taken are the largest number that every class can fill from the rows <see cref="Inner"/> accepts
/// (at most what it would take alone), divided among the classes in the proportions of
/// <see cref="PseudoLabelCandidates.LabeledClassProportions"/> (largest remainders), each class taking its most
/// confident accepted rows (ties by candidate order). A class the labeled rows have but no accepted row predicts
/// therefore stops the selection: the iteration adds nothing and the loop ends.
/// </para>
/// <para>
/// Over <see cref="KBestSelection"/>, the k rows are divided among the classes and each class takes its most
/// confident candidates of all, not only of the overall k best.
/// </para>
/// </remarks>
public sealed class ClassBalancedSelection : PseudoLabelSelection
{
    /// <summary>Creates the rule.</summary>
    /// <param name="inner">The rule whose rows are balanced; null for <see cref="ConfidenceThresholdSelection"/> with its default threshold.</param>
    public ClassBalancedSelection(PseudoLabelSelection? inner = null)
    {
        Inner = inner ?? new ConfidenceThresholdSelection();
    }

    /// <summary>The rule whose rows are balanced.</summary>
    /// <value>The default value is a <see cref="ConfidenceThresholdSelection"/> with threshold 0.75.</value>
    public PseudoLabelSelection Inner { get; }

    /// <summary>The rows <see cref="Inner"/> accepts, cut to the labeled class proportions.</summary>
    /// <param name="candidates">The iteration's candidates.</param>
    /// <returns>The pseudo-labels, most confident first within the accepted order.</returns>
    public override IReadOnlyList<PseudoLabel> Select(PseudoLabelCandidates candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var (accepted, budget) = Inner.ForBalancing(candidates);
        var ranked = accepted.OrderByDescending(l => candidates.Confidences[l.Candidate]).ThenBy(l => l.Candidate).ToArray();
        var shares = candidates.LabeledClassCounts;
        var quotas = Quotas(shares, BalancedTotal(ranked, budget, shares));
        var selected = new List<PseudoLabel>(budget);
        foreach (var label in ranked)
        {
            if (label.Class >= 0 && label.Class < quotas.Length && quotas[label.Class] > 0)
            {
                quotas[label.Class]--;
                selected.Add(label);
            }
        }
        return selected;
    }

    /// <inheritdoc />
    public override string ToString() => $"ClassBalanced({Inner})";

    /// <inheritdoc />
    internal override void CheckClasses(string labelColumnName, IReadOnlyList<string> classNames) => Inner.CheckClasses(labelColumnName, classNames);

    /// <summary>Divides <paramref name="total"/> among classes in proportion to <paramref name="shares"/> (largest remainders).</summary>
    internal static int[] Quotas(IReadOnlyList<double> shares, int total)
    {
        double sum = shares.Sum();
        var exact = shares.Select(s => sum > 0 ? s / sum * total : 0).ToArray();
        var quotas = exact.Select(e => (int)Math.Floor(e)).ToArray();
        int left = total - quotas.Sum();
        foreach (var c in Enumerable.Range(0, shares.Count).OrderByDescending(c => exact[c] - quotas[c]).ThenBy(c => c).Take(left))
            quotas[c]++;
        return quotas;
    }

    /// <summary>
    /// The largest total, at most <paramref name="budget"/>, that keeps the shares: no class may need more accepted
    /// rows than it has, so the total is bounded by <c>accepted[c] / share[c]</c> for every class with a share (and
    /// is 0 when such a class has none).
    /// </summary>
    private static int BalancedTotal(PseudoLabel[] accepted, int budget, IReadOnlyList<double> shares)
    {
        var perClass = new int[shares.Count];
        foreach (var label in accepted)
        {
            if (label.Class >= 0 && label.Class < perClass.Length)
                perClass[label.Class]++;
        }
        double sum = shares.Sum();
        double total = budget;
        for (int c = 0; c < shares.Count; c++)
        {
            if (shares[c] > 0)
                total = Math.Min(total, Math.Floor(perClass[c] / (shares[c] / sum) + 1e-9));
        }
        return (int)total;
    }
}
