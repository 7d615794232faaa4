namespace Microsoft.ML.SemiSupervised.TriTraining;

/// <summary>The default value of every tri-training option, in one place.</summary>
internal static class TriTrainingDefaults
{
    public const string LabelColumnName = "Label";
    public const string FeatureColumnName = "Features";
    public const int MaximumNumberOfIterations = 20;
}
