namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>What happened during <see cref="LabelPropagationEstimator.Fit"/>: iterations, convergence and graph size.</summary>
public sealed class LabelPropagationReport
{
    internal LabelPropagationReport(int numberOfIterations, bool converged, int rowCount, int labeledRowCount, int unreachedRowCount, long graphEntryCount,
        Diagnostics.DistributionShiftReport? distributionShift = null)
    {
        DistributionShift = distributionShift;
        NumberOfIterations = numberOfIterations;
        Converged = converged;
        RowCount = rowCount;
        LabeledRowCount = labeledRowCount;
        UnreachedRowCount = unreachedRowCount;
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

    /// <summary>The number of rows no labeled row reaches through the graph: they keep a missing label.</summary>
    public int UnreachedRowCount { get; }

    /// <summary>The number of weights stored in the graph.</summary>
    public long GraphEntryCount { get; }
}
