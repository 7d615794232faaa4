namespace Microsoft.ML.SemiSupervised.SelfTraining;

/// <summary>The default value of every self-training option, in one place.</summary>
internal static class SelfTrainingDefaults
{
    public const string LabelColumnName = "Label";
    public const string FeatureColumnName = "Features";
    public const double ConfidenceThreshold = 0.75;
    public const int MaximumNumberOfIterations = 10;
    public const float PseudoLabelWeight = 1f;
    public const double HoldOutFraction = 0;
    public const double HoldOutTolerance = 0;
}
