using System.Globalization;

namespace Microsoft.ML.SemiSupervised.Selection;

/// <summary>
/// Pseudo-labels every candidate whose predicted-class probability is at least <see cref="Threshold"/>, with its
/// predicted class (scikit-learn's <c>criterion="threshold"</c>). Self-training's default wraps it (threshold 0.9) in a
/// <see cref="ClassBalancedSelection"/>.
/// </summary>
public sealed class ConfidenceThresholdSelection : PseudoLabelSelection
{
    /// <summary>The default <see cref="Threshold"/>: 0.75, as in scikit-learn.</summary>
    public const double DefaultThreshold = 0.75;

    /// <summary>Creates the rule.</summary>
    /// <param name="threshold">The probability a candidate's predicted class needs (at least this value), in (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is not in (0, 1].</exception>
    public ConfidenceThresholdSelection(double threshold = DefaultThreshold)
    {
        if (!(threshold > 0 && threshold <= 1))
            throw new ArgumentOutOfRangeException(nameof(threshold), string.Create(CultureInfo.InvariantCulture, $"Threshold must be in (0, 1]; got {threshold}."));
        Threshold = threshold;
    }

    /// <summary>The probability a candidate's predicted class needs to be pseudo-labeled.</summary>
    /// <value>The default value is 0.75.</value>
    public double Threshold { get; }

    /// <summary>Every candidate at or above <see cref="Threshold"/>, most confident first (ties by candidate order).</summary>
    /// <param name="candidates">The iteration's candidates.</param>
    /// <returns>The pseudo-labels, each with its candidate's predicted class.</returns>
    public override IReadOnlyList<PseudoLabel> Select(PseudoLabelCandidates candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return WithPredictedClass(candidates, RankByConfidence(candidates).Where(i => candidates.Confidences[i] >= Threshold));
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"ConfidenceThreshold({Threshold})");
}
