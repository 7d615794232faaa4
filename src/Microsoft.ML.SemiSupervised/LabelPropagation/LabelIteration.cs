using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// The iteration shared by label propagation and label spreading, with scikit-learn's semantics: start from the
/// one-hot labels, multiply by the graph, then either renormalize each row and clamp the labeled rows
/// (propagation) or mix with the starting labels, <c>alpha * S * F + (1 - alpha) * Y</c> (spreading); stop when
/// the summed absolute change of the previous step falls below the tolerance, or after the iteration limit.
/// Each sweep runs over fixed row blocks in parallel, so results do not depend on the number of cores.
/// </summary>
internal sealed class LabelIteration
{
    private const int BlockCount = 64;

    private readonly AffinityGraph _graph;
    private readonly int[] _classes;
    private readonly int _classCount;
    private readonly double? _alpha;

    /// <param name="graph">The graph: raw weights for propagation, the normalized S for spreading.</param>
    /// <param name="classes">Each row's class, -1 for unlabeled.</param>
    /// <param name="classCount">The number of classes.</param>
    /// <param name="alpha">The spreading factor, or null for propagation (labeled rows clamped).</param>
    public LabelIteration(AffinityGraph graph, int[] classes, int classCount, double? alpha)
    {
        _graph = graph;
        _classes = classes;
        _classCount = classCount;
        _alpha = alpha;
    }

    /// <summary>The number of iterations run by the last <see cref="Run"/>.</summary>
    public int NumberOfIterations { get; private set; }

    /// <summary>Whether the last <see cref="Run"/> stopped on the tolerance rather than the iteration limit.</summary>
    public bool Converged { get; private set; }

    /// <summary>
    /// The bytes <see cref="Run"/> holds at once for <paramref name="rowCount"/> rows and <paramref name="classCount"/>
    /// classes: two double distributions while it iterates; then one of them and the Single result.
    /// </summary>
    public static long Bytes(long rowCount, int classCount) => 2 * 8 * rowCount * classCount;

    /// <summary>
    /// Runs the iteration and returns each row's class distribution, row-normalized, in Single precision (summed in
    /// double); a row no labeled row reaches keeps all zeros.
    /// </summary>
    public float[] Run(int maximumNumberOfIterations, double tolerance, CancellationToken cancellation = default)
    {
        int c = _classCount;
        var distributions = Iterate(_graph, _classes, maximumNumberOfIterations, tolerance, cancellation);
        // The other double array is garbage now: collected before the Single one arrives, they are never three.
        FitMemory.Release(8L * distributions.Length);
        var result = new float[distributions.Length];
        int n = distributions.Length / c;
        Parallel.For(0, BlockCount, block =>
        {
            int first = (int)((long)n * block / BlockCount);
            int end = (int)((long)n * (block + 1) / BlockCount);
            for (int i = first; i < end; i++)
            {
                var row = distributions.AsSpan(i * c, c);
                NormalizeRow(row);
                var target = result.AsSpan(i * c, c);
                for (int k = 0; k < c; k++)
                    target[k] = (float)row[k];
            }
        });
        return result;
    }

    private double[] Iterate(AffinityGraph graph, int[] classes, int maximumNumberOfIterations, double tolerance, CancellationToken cancellation)
    {
        int n = classes.Length;
        int c = _classCount;
        var current = new double[(long)n * c];
        for (int i = 0; i < n; i++)
        {
            if (classes[i] >= 0)
                current[i * c + classes[i]] = 1;
        }
        var next = new double[current.Length];
        double change = classes.Count(k => k >= 0);
        var blockChanges = new double[BlockCount];
        Converged = false;
        NumberOfIterations = maximumNumberOfIterations;
        for (int iteration = 0; iteration < maximumNumberOfIterations; iteration++)
        {
            if (change < tolerance)
            {
                NumberOfIterations = iteration;
                Converged = true;
                break;
            }
            cancellation.ThrowIfCancellationRequested();
            Parallel.For(0, BlockCount, block =>
            {
                int first = (int)((long)n * block / BlockCount);
                int end = (int)((long)n * (block + 1) / BlockCount);
                graph.Multiply(current, next, c, first, end);
                blockChanges[block] = _alpha is { } alpha
                    ? Spread(classes, current, next, alpha, first, end)
                    : Propagate(classes, current, next, first, end);
            });
            change = blockChanges.Sum();
            (current, next) = (next, current);
        }
        return current;
    }

    private double Propagate(int[] classes, double[] previous, double[] next, int first, int end)
    {
        int c = _classCount;
        double change = 0;
        for (int i = first; i < end; i++)
        {
            var row = next.AsSpan(i * c, c);
            if (classes[i] >= 0)
            {
                row.Clear();
                row[classes[i]] = 1;
            }
            else
            {
                double sum = 0;
                foreach (var v in row)
                    sum += v;
                if (sum != 0)
                {
                    for (int k = 0; k < c; k++)
                        row[k] /= sum;
                }
            }
            var before = previous.AsSpan(i * c, c);
            for (int k = 0; k < c; k++)
                change += Math.Abs(row[k] - before[k]);
        }
        return change;
    }

    private double Spread(int[] classes, double[] previous, double[] next, double alpha, int first, int end)
    {
        int c = _classCount;
        double change = 0;
        double keep = 1 - alpha;
        for (int i = first; i < end; i++)
        {
            var row = next.AsSpan(i * c, c);
            var before = previous.AsSpan(i * c, c);
            int label = classes[i];
            for (int k = 0; k < c; k++)
            {
                row[k] = alpha * row[k] + (k == label ? keep : 0);
                change += Math.Abs(row[k] - before[k]);
            }
        }
        return change;
    }

    /// <summary>Divides the row by its sum; an all-zero row stays zero.</summary>
    private static void NormalizeRow(Span<double> row)
    {
        double sum = 0;
        foreach (var v in row)
            sum += v;
        if (sum == 0)
            return;
        for (int k = 0; k < row.Length; k++)
            row[k] /= sum;
    }
}
