using System.Globalization;

namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>A dense graph: every pair of rows has a weight. Memory grows with the square of the row count.</summary>
internal sealed class DenseGraph : AffinityGraph
{
    private readonly float[] _weights;
    private readonly int _n;

    private DenseGraph(float[] weights, int n)
    {
        _weights = weights;
        _n = n;
    }

    /// <inheritdoc />
    public override int RowCount => _n;

    /// <inheritdoc />
    public override long EntryCount => (long)_n * _n;

    /// <summary>The weight between rows <paramref name="i"/> and <paramref name="j"/>.</summary>
    public float this[int i, int j] => _weights[(long)i * _n + j];

    /// <summary>The bytes a dense graph over <paramref name="rowCount"/> rows needs.</summary>
    public static long BytesFor(int rowCount) => (long)rowCount * rowCount * sizeof(float);

    /// <summary>The most rows a dense graph can have: its n^2 weights live in one array, of at most <see cref="Array.MaxLength"/> elements.</summary>
    public static int MaximumRowCount => (int)Math.Sqrt(Array.MaxLength);

    /// <summary>
    /// Throws when a dense graph over <paramref name="rowCount"/> rows cannot exist (more weights than an array holds)
    /// or would take more than half of <paramref name="availableBytes"/>, saying which and naming the sparse kernels
    /// to use instead.
    /// </summary>
    public static void CheckFits(int rowCount, long availableBytes)
    {
        const string instead = "Use Kernel = LabelPropagationKernel.NearestNeighborsRbf (RBF weights on the NumberOfNeighbors nearest " +
            "neighbours only, a sparse graph) or Kernel = LabelPropagationKernel.NearestNeighbors.";
        long weights = (long)rowCount * rowCount;
        long needed = BytesFor(rowCount);
        if (weights > Array.MaxLength)
        {
            throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                "A dense RBF graph over {0:N0} rows needs {1:N0} weights ({2:0.0} GB), more than a .NET array can hold " +
                "(Array.MaxLength = {3:N0} elements): the Rbf kernel takes at most {4:N0} rows on any machine. {5}",
                rowCount, weights, needed / 1e9, Array.MaxLength, MaximumRowCount, instead));
        }
        if (needed > availableBytes / 2)
        {
            throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                "A dense RBF graph over {0:N0} rows needs {1:0.0} GB (4 bytes per pair of rows), more than half of the {2:0.0} GB " +
                "of memory available to this process (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes). {3}",
                rowCount, needed / 1e9, availableBytes / 1e9, instead));
        }
    }

    /// <summary>The RBF graph <c>W[i,j] = exp(-gamma * |x_i - x_j|^2)</c>, the diagonal kept only with <paramref name="selfLoops"/>.</summary>
    public static DenseGraph Rbf(PointSet points, double gamma, bool selfLoops, CancellationToken cancellation = default)
    {
        int n = points.Count;
        CheckFits(n, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        var weights = new float[(long)n * n];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellation }, i =>
        {
            var query = points[i];
            var row = weights.AsSpan(i * n, n);
            for (int j = 0; j < n; j++)
                row[j] = i == j ? (selfLoops ? 1f : 0f) : (float)Math.Exp(-gamma * VectorMath.SquaredDistance(query, points[j]));
        });
        return new DenseGraph(weights, n);
    }

    /// <inheritdoc />
    public override void Multiply(double[] source, double[] destination, int width, int firstRow, int endRow)
    {
        for (int i = firstRow; i < endRow; i++)
        {
            var row = destination.AsSpan(i * width, width);
            row.Clear();
            var weights = _weights.AsSpan(i * _n, _n);
            for (int j = 0; j < _n; j++)
            {
                double w = weights[j];
                if (w == 0)
                    continue;
                var from = source.AsSpan(j * width, width);
                for (int c = 0; c < width; c++)
                    row[c] += w * from[c];
            }
        }
    }

    /// <inheritdoc />
    public override AffinityGraph NormalizeForSpreading()
    {
        var degrees = new double[_n];
        for (int i = 0; i < _n; i++)
        {
            for (int j = 0; j < _n; j++)
            {
                if (i != j)
                    degrees[j] += _weights[(long)i * _n + j];
            }
        }
        var scale = SafeInverseSquareRoots(degrees);
        Parallel.For(0, _n, i =>
        {
            for (int j = 0; j < _n; j++)
                _weights[(long)i * _n + j] = i == j ? 0f : (float)(_weights[(long)i * _n + j] * scale[i] * scale[j]);
        });
        return this;
    }
}
