using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// What a fitted label propagation keeps: every graph row's features and final class distribution, and the kernel.
/// A row whose features equal a stored row's gets that row's distribution (the transduction); any other row
/// gets the kernel-weighted sum of the stored rows' distributions, normalized (scikit-learn's <c>predict_proba</c>).
/// </summary>
internal sealed partial class LabelPropagationModel
{
    private readonly int[] _lookup;

    public LabelPropagationModel(long id, LabelPropagationKernel kernel, int numberOfNeighbors, double gamma, PointSet points, int classCount, float[] distributions)
    {
        Id = id;
        Kernel = kernel;
        NumberOfNeighbors = Math.Min(numberOfNeighbors, points.Count);
        Gamma = gamma;
        Points = points;
        ClassCount = classCount;
        Distributions = distributions;
        _lookup = BuildLookup(points);
    }

    /// <summary>A random number telling this model apart from others, kept in the saved state.</summary>
    public long Id { get; }

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

    /// <summary>
    /// Writes the class distribution of <paramref name="features"/> and returns its class, or -1 (and all zeros)
    /// when no stored row with a distribution carries weight for it, or the features are not finite numbers.
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

        int stored = Find(features);
        if (stored >= 0)
        {
            Distributions.AsSpan(stored * ClassCount, ClassCount).CopyTo(distribution);
            return ArgMax(distribution);
        }

        var sums = new double[ClassCount];
        if (Kernel == LabelPropagationKernel.Rbf)
        {
            for (int j = 0; j < Points.Count; j++)
                Accumulate(sums, j, Math.Exp(-Gamma * VectorMath.SquaredDistance(features, Points[j])));
        }
        else
        {
            Span<int> indices = NumberOfNeighbors <= 256 ? stackalloc int[NumberOfNeighbors] : new int[NumberOfNeighbors];
            Span<float> distances = NumberOfNeighbors <= 256 ? stackalloc float[NumberOfNeighbors] : new float[NumberOfNeighbors];
            ExactNeighborSearch.Query(Points, features, indices, distances);
            for (int t = 0; t < indices.Length; t++)
            {
                double weight = Kernel == LabelPropagationKernel.NearestNeighbors ? 1 : Math.Exp(-Gamma * distances[t]);
                Accumulate(sums, indices[t], weight);
            }
        }

        double total = sums.Sum();
        if (!(total > 0))
            return -1;
        for (int c = 0; c < ClassCount; c++)
            distribution[c] = (float)(sums[c] / total);
        return ArgMax(distribution);
    }

    /// <summary>The first stored row with exactly these features, or -1.</summary>
    public int Find(ReadOnlySpan<float> features)
    {
        int mask = _lookup.Length - 1;
        for (int slot = Hash(features) & mask; ; slot = (slot + 1) & mask)
        {
            int row = _lookup[slot] - 1;
            if (row < 0)
                return -1;
            if (features.SequenceEqual(Points[row]))
                return row;
        }
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

    private static int[] BuildLookup(PointSet points)
    {
        int size = 1;
        while (size < points.Count * 2)
            size <<= 1;
        var table = new int[size];
        int mask = size - 1;
        for (int row = 0; row < points.Count; row++)
        {
            var features = points[row];
            for (int slot = Hash(features) & mask; ; slot = (slot + 1) & mask)
            {
                int existing = table[slot] - 1;
                if (existing < 0)
                {
                    table[slot] = row + 1;
                    break;
                }
                if (features.SequenceEqual(points[existing]))
                    break;
            }
        }
        return table;
    }

    private static int Hash(ReadOnlySpan<float> features)
    {
        var hash = new HashCode();
        foreach (var value in features)
            hash.Add(value == 0 ? 0f : value);
        return hash.ToHashCode() & int.MaxValue;
    }
}
