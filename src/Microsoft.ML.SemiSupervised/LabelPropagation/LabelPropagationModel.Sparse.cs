using System.Buffers;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// The sparse form of a fitted model: when the graph was built from sparse rows (featurized text), the stored rows
/// stay sparse, held by the inverted index that found their neighbours, and new rows are compared through it.
/// <see cref="Points"/> then holds no rows, only the dimension.
/// </summary>
internal sealed partial class LabelPropagationModel
{
    private readonly Dictionary<int, float[]>? _sparseDuplicates;

    /// <summary>
    /// A model over sparse stored rows, searched through <paramref name="search"/>. Equal stored rows share one answer,
    /// by the rule of <see cref="StoredRowLookup"/> (a labeled row keeps its clamped label).
    /// </summary>
    public LabelPropagationModel(LabelPropagationKernel kernel, int numberOfNeighbors, double gamma, SparseNeighborSearch search, int classCount,
        float[] distributions, bool[] labeled)
    {
        if (kernel == LabelPropagationKernel.Rbf)
            throw new ArgumentException("A model over sparse rows uses a nearest-neighbour kernel.", nameof(kernel));
        Kernel = kernel;
        NumberOfNeighbors = Math.Min(numberOfNeighbors, search.Rows.Count);
        Gamma = gamma;
        Points = new PointSet([], search.Rows.Dimension);
        SparseSearch = search;
        ClassCount = classCount;
        Distributions = distributions;
        Labeled = labeled;
        var rows = search.Rows;
        var first = new int[rows.Count];
        for (int row = 0; row < first.Length; row++)
            first[row] = rows.Find(rows.RowIndices(row), rows.RowValues(row));
        _sparseDuplicates = StoredRowLookup.ResolveDuplicates(first, distributions, classCount, labeled);
    }

    /// <summary>The search over the stored rows when they are sparse, else null.</summary>
    public SparseNeighborSearch? SparseSearch { get; }

    /// <summary>Whether the stored rows are sparse (see <see cref="SparseSearch"/>).</summary>
    public bool IsSparse => SparseSearch is not null;

    /// <summary>
    /// Writes the class distribution of <paramref name="features"/> (any VBuffer, dense or sparse) and returns its
    /// class, or -1 (all zeros) as <see cref="Predict(ReadOnlySpan{float}, Span{float})"/> does. Never densifies a sparse vector.
    /// </summary>
    public int Predict(in VBuffer<float> features, Span<float> distribution)
    {
        if (!IsSparse)
            return Predict(features.DenseValues().ToArray(), distribution);
        if (features.Length != Points.Dimension)
            throw new ArgumentException($"Expected {Points.Dimension} features, got {features.Length}.", nameof(features));
        var values = features.GetValues();
        var indices = features.IsDense ? default : features.GetIndices();
        var slotBuffer = ArrayPool<int>.Shared.Rent(values.Length);
        var valueBuffer = ArrayPool<float>.Shared.Rent(values.Length);
        try
        {
            int count = 0;
            for (int e = 0; e < values.Length; e++)
            {
                if (!float.IsFinite(values[e]))
                {
                    distribution.Clear();
                    return -1;
                }
                if (values[e] == 0)
                    continue;
                slotBuffer[count] = features.IsDense ? e : indices[e];
                valueBuffer[count] = values[e];
                count++;
            }
            return PredictSparse(slotBuffer.AsSpan(0, count), valueBuffer.AsSpan(0, count), distribution);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(slotBuffer);
            ArrayPool<float>.Shared.Return(valueBuffer);
        }
    }

    /// <summary>A dense vector given to a sparse model: its non-zero values are looked up as a sparse row.</summary>
    private int PredictFromSparseRows(ReadOnlySpan<float> features, Span<float> distribution)
    {
        var buffer = new VBuffer<float>(features.Length, features.ToArray());
        return Predict(buffer, distribution);
    }

    /// <summary>The transduction of an equal stored row, else the inductive rule over the nearest stored rows.</summary>
    private int PredictSparse(ReadOnlySpan<int> slots, ReadOnlySpan<float> values, Span<float> distribution)
    {
        distribution.Clear();
        var rows = SparseSearch!.Rows;
        int stored = rows.Find(slots, values);
        if (stored >= 0)
        {
            if (_sparseDuplicates!.TryGetValue(stored, out var shared))
                shared.CopyTo(distribution);
            else
                Distributions.AsSpan(stored * ClassCount, ClassCount).CopyTo(distribution);
            return ArgMax(distribution);
        }

        Span<int> neighbors = NumberOfNeighbors <= 256 ? stackalloc int[NumberOfNeighbors] : new int[NumberOfNeighbors];
        Span<float> distances = NumberOfNeighbors <= 256 ? stackalloc float[NumberOfNeighbors] : new float[NumberOfNeighbors];
        SparseSearch.Query(slots, values, neighbors, distances);
        return FromNeighbors(neighbors, distances, distribution);
    }
}
