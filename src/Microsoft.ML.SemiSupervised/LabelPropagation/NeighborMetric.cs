namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>How label propagation and label spreading measure how near two rows are, for the neighbour search and the kernels.</summary>
public enum NeighborMetric
{
    /// <summary>The Euclidean distance <c>|x - y|</c> on the features as they are (scikit-learn's): features should share a scale.</summary>
    Euclidean,

    /// <summary>
    /// Cosine similarity <c>x.y / (|x| |y|)</c>: the rows are scaled to unit length first (the fitted rows once, each
    /// new row as it is predicted), and on unit rows <c>|x - y|^2 = 2 - 2 cos</c>, so the nearest rows are the most
    /// similar in direction, whatever their length. The RBF weights become <c>exp(-Gamma * (2 - 2 cos))</c>. The
    /// measure of featurized text (word and character n-gram counts), on sparse rows without densifying them. A fitted
    /// row whose features are all zero has no direction and is refused; a new one gets no label.
    /// </summary>
    Cosine,
}
