namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>How label propagation and label spreading weigh the similarity of two rows.</summary>
public enum LabelPropagationKernel
{
    /// <summary>
    /// Each row is linked with weight 1 to its <c>NumberOfNeighbors</c> nearest rows (Euclidean distance): a
    /// sparse graph, the choice that scales. scikit-learn's <c>kernel="knn"</c>.
    /// </summary>
    NearestNeighbors,

    /// <summary>
    /// Every pair of rows is linked with weight <c>exp(-Gamma * |x - y|^2)</c>: a dense graph whose memory grows
    /// with the square of the row count, refused when it would not fit. scikit-learn's <c>kernel="rbf"</c>.
    /// </summary>
    Rbf,

    /// <summary>
    /// RBF weights <c>exp(-Gamma * |x - y|^2)</c> on the links to each row's <c>NumberOfNeighbors</c> nearest rows
    /// only: a sparse graph with RBF weights, which scales like <see cref="NearestNeighbors"/>.
    /// </summary>
    NearestNeighborsRbf,
}
