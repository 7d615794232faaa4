namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// How the nearest neighbours of every row are found when the graph is built, and hence how a fitted model finds the
/// nearest stored rows of a new row: exactly (every stored row compared), or approximately through the search index
/// the approximate fit keeps (a best-first search over the NN-descent graph, about a thousand distances a row).
/// </summary>
public enum NeighborSearch
{
    /// <summary>
    /// <see cref="Exact"/> up to <c>LabelPropagationOptions.ExactSearchRowLimit</c> rows, <see cref="Approximate"/> beyond.
    /// </summary>
    Auto,

    /// <summary>
    /// Brute force over every pair of rows (SIMD, all cores): exact, cost quadratic in the row count. New rows are
    /// compared with every stored row.
    /// </summary>
    Exact,

    /// <summary>
    /// NN-descent (Dong, Charikar and Li, 2011): starts from random neighbours and repeatedly checks the
    /// neighbours of neighbours. Near-linear cost; typically finds well over 90 % of the true neighbours. The fitted
    /// model keeps the search graph and a random projection tree, and finds a new row's neighbours through them
    /// (about 95 % of the exact ones), saved with the model.
    /// </summary>
    Approximate,
}
