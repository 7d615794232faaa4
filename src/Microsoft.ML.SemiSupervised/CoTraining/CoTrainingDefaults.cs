namespace Microsoft.ML.SemiSupervised.CoTraining;

/// <summary>The default value of every co-training option, in one place.</summary>
internal static class CoTrainingDefaults
{
    public const string LabelColumnName = "Label";
    public const string FeatureColumnName = "Features";
    public const int PoolSize = 75;
    public const int MaximumNumberOfIterations = 30;
    public const CoTrainingCombination Combination = CoTrainingCombination.Product;
}
