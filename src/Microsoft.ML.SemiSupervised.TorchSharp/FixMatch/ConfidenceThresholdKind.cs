namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>How FixMatch turns <see cref="FixMatchOptions.ConfidenceThreshold"/> into the threshold a pseudo-label must pass.</summary>
public enum ConfidenceThresholdKind
{
    /// <summary>FixMatch's own: one threshold, <see cref="FixMatchOptions.ConfidenceThreshold"/>, for every class and step.</summary>
    Fixed = 0,

    /// <summary>
    /// FlexMatch's curriculum pseudo-labeling (Zhang et al., NeurIPS 2021), with its warm-up: each class's threshold is
    /// <see cref="FixMatchOptions.ConfidenceThreshold"/> times <c>b / (2 - b)</c>, where <c>b</c> is the class's learning
    /// status: the unlabeled rows whose latest prediction above <see cref="FixMatchOptions.ConfidenceThreshold"/> was that
    /// class, divided by the largest such count over the classes and the rows never predicted above it. Classes the
    /// network has not learned yet get a low threshold, so their rows take part in the unlabeled loss early; at the start
    /// every threshold is 0.
    /// </summary>
    ClassAdaptive = 1,
}
