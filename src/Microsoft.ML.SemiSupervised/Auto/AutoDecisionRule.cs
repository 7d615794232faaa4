namespace Microsoft.ML.SemiSupervised.Auto;

/// <summary>How <see cref="AutoEstimator"/> decides that a candidate beats the supervised trainer on the cross-validation folds.</summary>
public enum AutoDecisionRule
{
    /// <summary>
    /// Each candidate on its own: the one-sided 95 % lower bound of its gain (corrected resampled t, with the binomial
    /// variance floor) must be above 0; a candidate whose gain is positive but not yet shown gets more repeats of the
    /// cross-validation (up to <see cref="AutoOptions.MaximumNumberOfRepeats"/>) and is judged again on all of them.
    /// Among the candidates that pass, the one with the largest gain is chosen.
    /// </summary>
    CorrectedBound = 0,

    /// <summary>
    /// The rule of the first release: the same bound at 1 - 0.05 / m for m candidates (Bonferroni), so that the chance
    /// of choosing any candidate that does not beat the supervised trainer is at most 5 %; no extra repeats. Safer in
    /// theory, and it chooses a candidate far less often with few labels (see docs/auto.md).
    /// </summary>
    CorrectedBoundFamilyWise = 1,
}
