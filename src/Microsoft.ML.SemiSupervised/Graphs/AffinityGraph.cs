namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// A weighted graph over rows, used only through its product with a matrix of per-row values: the one
/// operation the label iteration needs. Sparse (CSR) and dense forms share it.
/// </summary>
internal abstract class AffinityGraph
{
    /// <summary>The number of rows (and columns).</summary>
    public abstract int RowCount { get; }

    /// <summary>The number of stored weights.</summary>
    public abstract long EntryCount { get; }

    /// <summary>
    /// Writes <c>this * source</c> into <paramref name="destination"/> for the rows
    /// <paramref name="firstRow"/>..<paramref name="endRow"/>-1; both matrices are row-major with
    /// <paramref name="width"/> columns.
    /// </summary>
    public abstract void Multiply(double[] source, double[] destination, int width, int firstRow, int endRow);

    /// <summary>
    /// The graph of label spreading (Zhou et al.): <c>S = D^-1/2 W D^-1/2</c> without its diagonal, where D holds
    /// the column sums of W without self-loops (as scikit-learn's normalized Laplacian). An isolated row keeps
    /// degree 1, so its weights stay zero instead of dividing by zero.
    /// </summary>
    public abstract AffinityGraph NormalizeForSpreading();

    /// <summary>Column sums of the off-diagonal weights, with 1 in place of 0.</summary>
    protected static double[] SafeInverseSquareRoots(double[] degrees)
    {
        var result = new double[degrees.Length];
        for (int i = 0; i < degrees.Length; i++)
            result[i] = degrees[i] > 0 ? 1 / Math.Sqrt(degrees[i]) : 1;
        return result;
    }
}
