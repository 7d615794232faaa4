namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>What happened during <see cref="LabelPropagationEstimator.Fit"/>: iterations, convergence and graph size.</summary>
public sealed class LabelPropagationReport
{
    internal LabelPropagationReport(int numberOfIterations, bool converged, int rowCount, int labeledRowCount, int unreachedRowCount, long graphEntryCount,
        Diagnostics.DistributionShiftReport? distributionShift = null, int fallbackRowCount = 0)
    {
        DistributionShift = distributionShift;
        NumberOfIterations = numberOfIterations;
        Converged = converged;
        RowCount = rowCount;
        LabeledRowCount = labeledRowCount;
        UnreachedRowCount = unreachedRowCount;
        FallbackRowCount = fallbackRowCount;
        GraphEntryCount = graphEntryCount;
    }

    /// <summary>The number of iterations run (scikit-learn's <c>n_iter_</c>).</summary>
    public int NumberOfIterations { get; }

    /// <summary>
    /// Whether the labeled and unlabeled rows looked like one distribution, when
    /// <see cref="SemiSupervisedOptionsBase.CheckDistributionShift"/> asked for the check; null otherwise.
    /// </summary>
    public Diagnostics.DistributionShiftReport? DistributionShift { get; }

    /// <summary>Whether the iteration stopped on the tolerance; false when it hit the iteration limit (a warning is logged).</summary>
    public bool Converged { get; }

    /// <summary>The number of rows in the graph.</summary>
    public int RowCount { get; }

    /// <summary>The number of rows that had a label.</summary>
    public int LabeledRowCount { get; }

    /// <summary>
    /// The number of rows left unlabeled: no labeled row reaches them through the graph and no fallback labeled them
    /// (<see cref="GraphLabelingOptions.UnreachedRowFallback"/> is None). They keep a missing label, an all-zero Score
    /// and Confidence 0.
    /// </summary>
    public int UnreachedRowCount { get; }

    /// <summary>
    /// The number of rows no labeled row reaches through the graph that the fallback labeled
    /// (<see cref="GraphLabelingOptions.UnreachedRowFallback"/>), each with a confidence below every reached row's. 0 in
    /// a report saved before the fallback existed (such fits had none).
    /// </summary>
    public int FallbackRowCount { get; }

    /// <summary>The number of weights stored in the graph.</summary>
    public long GraphEntryCount { get; }
}
