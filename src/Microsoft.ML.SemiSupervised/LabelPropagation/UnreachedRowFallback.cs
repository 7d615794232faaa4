namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// What label propagation and label spreading do with a row that no labeled row reaches through the graph (its
/// component of the graph holds no label). Such a row is labeled by the fallback with a lower confidence than any row
/// the graph reached, and counted in <see cref="LabelPropagationReport.FallbackRowCount"/>.
/// </summary>
public enum UnreachedRowFallback
{
    /// <summary>
    /// The row stays unlabeled: missing label, all-zero Score, Confidence 0, counted in
    /// <see cref="LabelPropagationReport.UnreachedRowCount"/>. With <c>SymmetrizeGraph = false</c>, scikit-learn's setting.
    /// </summary>
    None,

    /// <summary>
    /// The row takes the average class distribution of its <c>NumberOfNeighbors</c> nearest rows among those the graph
    /// reached (labeled rows included): the nearest-neighbour rule a fitted model applies to a new row, over the reached rows.
    /// </summary>
    NearestReachedRows,

    /// <summary>The row takes the label of its nearest labeled row.</summary>
    NearestLabeledRow,
}
