namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>How the nearest neighbours of every row are found when the graph is built.</summary>
public enum NeighborSearch
{
    /// <summary>
    /// <see cref="Exact"/> up to <c>LabelPropagationOptions.ExactSearchRowLimit</c> rows, <see cref="Approximate"/> beyond.
    /// </summary>
    Auto,

    /// <summary>Brute force over every pair of rows (SIMD, all cores): exact, cost quadratic in the row count.</summary>
    Exact,

    /// <summary>
    /// NN-descent (Dong, Charikar and Li, 2011): starts from random neighbours and repeatedly checks the
    /// neighbours of neighbours. Near-linear cost; typically finds well over 90 % of the true neighbours.
    /// </summary>
    Approximate,
}
