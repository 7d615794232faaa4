namespace Microsoft.ML.SemiSupervised.CoTraining;

/// <summary>How each view's model chooses the pool rows it labels for the other in a round.</summary>
public enum CoTrainingCriterion
{
    /// <summary>
    /// Per class, the <see cref="CoTrainingOptions.CountPerClass"/> pool rows it predicts as that class with the
    /// highest confidence (Blum and Mitchell's p positives and n negatives).
    /// </summary>
    CountPerClass,

    /// <summary>Every pool row whose predicted-class probability is at least <see cref="CoTrainingOptions.ConfidenceThreshold"/>.</summary>
    Threshold,
}
