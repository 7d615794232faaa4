using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// What a fitted label propagation keeps: every graph row's features and final class distribution, and the kernel.
/// A row whose features equal a stored row's gets that row's distribution (the transduction; equal stored rows
/// share one answer, see <see cref="StoredRowLookup"/>); any other row
/// gets the kernel-weighted sum of the stored rows' distributions, normalized (scikit-learn's <c>predict_proba</c>).
/// </summary>
internal sealed partial class LabelPropagationModel
{
    private readonly StoredRowLookup? _lookup; // null for sparse stored rows (LabelPropagationModel.Sparse.cs)

    /// <param name="kernel">The kernel of the graph.</param>
    /// <param name="numberOfNeighbors">The neighbours a new row is compared with under the nearest-neighbour kernels.</param>
    /// <param name="gamma">The RBF width.</param>
    /// <param name="points">The stored rows' features.</param>
    /// <param name="classCount">The number of classes.</param>
    /// <param name="distributions">Each stored row's distribution, row-major.</param>
    /// <param name="labeled">Whether each stored row had a label; null when unknown (a model saved with format version 1).</param>
    /// <param name="index">The search index over <paramref name="points"/> for new rows' neighbours; null: exact search.</param>
    public LabelPropagationModel(LabelPropagationKernel kernel, int numberOfNeighbors, double gamma, PointSet points, int classCount,
        float[] distributions, bool[]? labeled, NeighborGraphIndex? index = null)
    {
        if (index is not null && !ReferenceEquals(index.Points, points))
            throw new ArgumentException("The search index must be over the model's own rows.", nameof(index));
        Index = index;
        Kernel = kernel;
        NumberOfNeighbors = Math.Min(numberOfNeighbors, points.Count);
        Gamma = gamma;
        Points = points;
        ClassCount = classCount;
        Distributions = distributions;
        Labeled = labeled;
        _lookup = new StoredRowLookup(points, distributions, classCount, labeled);
    }

    /// <summary>The kernel of the graph.</summary>
    public LabelPropagationKernel Kernel { get; }

    /// <summary>How many stored rows a new row is compared with under the nearest-neighbour kernels.</summary>
    public int NumberOfNeighbors { get; }

    /// <summary>The RBF width.</summary>
    public double Gamma { get; }

    /// <summary>The stored rows' features.</summary>
    public PointSet Points { get; }

    /// <summary>The number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Each stored row's class distribution, row-major, all zeros where no label reached the row.</summary>
    public float[] Distributions { get; }

    /// <summary>Whether each stored row had a label; null for a model saved with format version 1.</summary>
    public bool[]? Labeled { get; }

    /// <summary>
    /// The search index that finds a new row's nearest stored rows under the nearest-neighbour kernels (built when the
    /// fit searched neighbours approximately); null: every stored row is compared with the new row (exact).
    /// </summary>
    public NeighborGraphIndex? Index { get; }

    /// <summary>
    /// Writes the class distribution of <paramref name="features"/> and returns its class, or -1 (and all zeros)
    /// when no stored row with a distribution carries weight for it, or the features are not finite numbers.
    /// Features equal to stored rows' get the answer <see cref="StoredRowLookup"/> defines.
    /// </summary>
    public int Predict(ReadOnlySpan<float> features, Span<float> distribution)
    {
        if (IsSparse)
            return PredictFromSparseRows(features, distribution); // LabelPropagationModel.Sparse.cs
        distribution.Clear();
        if (features.Length != Points.Dimension)
            throw new ArgumentException($"Expected {Points.Dimension} features, got {features.Length}.", nameof(features));
        foreach (var value in features)
        {
            if (!float.IsFinite(value))
                return -1;
        }

        if (_lookup!.TryFind(features, out var stored))
        {
            stored.CopyTo(distribution);
            return ArgMax(distribution);
        }

        if (Kernel == LabelPropagationKernel.Rbf)
        {
            var sums = new double[ClassCount];
            for (int j = 0; j < Points.Count; j++)
                Accumulate(sums, j, Math.Exp(-Gamma * VectorMath.SquaredDistance(features, Points[j])));
            return Normalize(sums, distribution);
        }

        Span<int> indices = NumberOfNeighbors <= 256 ? stackalloc int[NumberOfNeighbors] : new int[NumberOfNeighbors];
        Span<float> distances = NumberOfNeighbors <= 256 ? stackalloc float[NumberOfNeighbors] : new float[NumberOfNeighbors];
        if (Index is not null)
            Index.Search(features, indices, distances);
        else
            ExactNeighborSearch.Query(Points, features, indices, distances);
        return FromNeighbors(indices, distances, distribution);
    }

    /// <summary>
    /// The inductive rule over the nearest stored rows found for a new row (a negative index: none found): their
    /// distributions weighed by the kernel, normalized into <paramref name="distribution"/>; returns its class or -1.
    /// </summary>
    private int FromNeighbors(ReadOnlySpan<int> indices, ReadOnlySpan<float> distances, Span<float> distribution)
    {
        var sums = new double[ClassCount];
        for (int t = 0; t < indices.Length; t++)
        {
            if (indices[t] < 0)
                continue;
            double weight = Kernel == LabelPropagationKernel.NearestNeighbors ? 1 : Math.Exp(-Gamma * distances[t]);
            Accumulate(sums, indices[t], weight);
        }
        return Normalize(sums, distribution);
    }

    private int Normalize(double[] sums, Span<float> distribution)
    {
        double total = sums.Sum();
        if (!(total > 0))
            return -1;
        for (int c = 0; c < ClassCount; c++)
            distribution[c] = (float)(sums[c] / total);
        return ArgMax(distribution);
    }

    /// <summary>The class of the largest value (the first on ties), or -1 when every value is zero.</summary>
    public static int ArgMax(ReadOnlySpan<float> distribution)
    {
        int best = -1;
        float bestValue = 0;
        for (int c = 0; c < distribution.Length; c++)
        {
            if (distribution[c] > bestValue)
            {
                best = c;
                bestValue = distribution[c];
            }
        }
        return best;
    }

    private void Accumulate(double[] sums, int row, double weight)
    {
        if (weight == 0)
            return;
        var source = Distributions.AsSpan(row * ClassCount, ClassCount);
        for (int c = 0; c < ClassCount; c++)
            sums[c] += weight * source[c];
    }
}
