namespace Microsoft.ML.SemiSupervised;

/// <summary>The default value of every option <see cref="SemiSupervisedOptionsBase"/> holds, in one place.</summary>
internal static class SemiSupervisedOptionsDefaults
{
    public const string LabelColumnName = "Label";
    public const string FeatureColumnName = "Features";
}
