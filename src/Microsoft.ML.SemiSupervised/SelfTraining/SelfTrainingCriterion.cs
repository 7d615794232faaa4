namespace Microsoft.ML.SemiSupervised.SelfTraining;

/// <summary>How self-training chooses which unlabeled rows receive a pseudo-label in an iteration.</summary>
public enum SelfTrainingCriterion
{
    /// <summary>
    /// Every unlabeled row whose predicted-class probability is at least
    /// <see cref="SelfTrainingOptions.ConfidenceThreshold"/> (scikit-learn's <c>criterion="threshold"</c>).
    /// </summary>
    Threshold,

    /// <summary>
    /// The <see cref="SelfTrainingOptions.KBest"/> most confident unlabeled rows, ties broken by row order
    /// (scikit-learn's <c>criterion="k_best"</c>).
    /// </summary>
    KBest,
}
