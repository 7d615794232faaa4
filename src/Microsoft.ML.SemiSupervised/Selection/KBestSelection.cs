using System.Globalization;

namespace Microsoft.ML.SemiSupervised.Selection;

/// <summary>
/// Pseudo-labels the <see cref="K"/> most confident candidates (all of them when fewer remain), with their
/// predicted class, ties broken by candidate order (scikit-learn's <c>criterion="k_best"</c>).
/// </summary>
public sealed class KBestSelection : PseudoLabelSelection
{
    /// <summary>The default <see cref="K"/>: 10, as in scikit-learn.</summary>
    public const int DefaultK = 10;

    /// <summary>Creates the rule.</summary>
    /// <param name="k">How many candidates to pseudo-label per iteration; must be positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not positive.</exception>
    public KBestSelection(int k = DefaultK)
    {
        if (k <= 0)
            throw new ArgumentOutOfRangeException(nameof(k), string.Create(CultureInfo.InvariantCulture, $"K must be positive; got {k}."));
        K = k;
    }

    /// <summary>How many candidates are pseudo-labeled per iteration.</summary>
    /// <value>The default value is 10.</value>
    public int K { get; }

    /// <summary>The <see cref="K"/> most confident candidates, most confident first (ties by candidate order).</summary>
    /// <param name="candidates">The iteration's candidates.</param>
    /// <returns>The pseudo-labels, each with its candidate's predicted class.</returns>
    public override IReadOnlyList<PseudoLabel> Select(PseudoLabelCandidates candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return WithPredictedClass(candidates, RankByConfidence(candidates).Take(K));
    }

    /// <summary>Balanced, k-best takes its <see cref="K"/> rows per class from all candidates, not from its own k.</summary>
    internal override (PseudoLabel[] Accepted, int Budget) ForBalancing(PseudoLabelCandidates candidates) =>
        (WithPredictedClass(candidates, RankByConfidence(candidates)), Math.Min(K, candidates.Count));

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"KBest({K})");
}
