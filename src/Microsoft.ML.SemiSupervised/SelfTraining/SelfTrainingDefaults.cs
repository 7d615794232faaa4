using Microsoft.ML.SemiSupervised.Selection;

namespace Microsoft.ML.SemiSupervised.SelfTraining;

/// <summary>The default value of every self-training option, in one place.</summary>
/// <remarks>
/// The selection and the hold-out guard were chosen by measurement (issue 11, docs/benchmarks.md "Self-training
/// defaults"): scikit-learn's threshold 0.75 without guards fell far below the supervised trainer on several data
/// sets; a class-balanced threshold of 0.9 with a quarter of the labeled rows held out stayed within a point of it.
/// </remarks>
internal static class SelfTrainingDefaults
{
    public const string LabelColumnName = "Label";
    public const string FeatureColumnName = "Features";
    public const double ConfidenceThreshold = 0.9;
    public const int MaximumNumberOfIterations = 10;
    public const float PseudoLabelWeight = 1f;
    public const double HoldOutFraction = 0.25;
    public const double HoldOutTolerance = 0;

    /// <summary>The default selection: the rows at or above <paramref name="confidenceThreshold"/>, in the labeled class proportions.</summary>
    public static PseudoLabelSelection Selection(double confidenceThreshold = ConfidenceThreshold) =>
        new ClassBalancedSelection(new ConfidenceThresholdSelection(confidenceThreshold));
}
