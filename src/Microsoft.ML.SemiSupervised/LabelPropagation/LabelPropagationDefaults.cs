namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>The default of every option of label propagation and label spreading, in one place.</summary>
internal static class LabelPropagationDefaults
{
    public const string LabelColumnName = "Label";
    public const string FeatureColumnName = "Features";
    public const string PropagatedLabelColumnName = "PropagatedLabel";
    public const string PredictedLabelColumnName = "PredictedLabel";
    public const string ScoreColumnName = "Score";
    public const string ConfidenceColumnName = "Confidence";
    public const LabelPropagationKernel Kernel = LabelPropagationKernel.NearestNeighbors;
    public const int NumberOfNeighbors = 7;
    public const double Gamma = 20;
    public const double Tolerance = 1e-3;
    public const int PropagationMaximumNumberOfIterations = 1000;
    public const int SpreadingMaximumNumberOfIterations = 30;
    public const double Alpha = 0.2;
    public const bool SymmetrizeGraph = true;
    public const UnreachedRowFallback Fallback = UnreachedRowFallback.NearestLabeledRow;
    public const bool SelfLoops = true;
    public const NeighborSearch Search = NeighborSearch.Auto;
    public const NeighborMetric Metric = NeighborMetric.Euclidean;
    public const int ExactSearchRowLimit = 20_000;
}
