using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Graphs;
using Microsoft.ML.SemiSupervised.LabelPropagation;

namespace Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

/// <summary>
/// The iteration against the closed forms, as scikit-learn's test_label_spreading_closed_form and
/// test_label_propagation_closed_form pin them: the RBF graph is computed here from the raw features.
/// </summary>
public sealed class LabelIterationTests
{
    private const double Gamma = 0.05;

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void LabelSpreading_RbfTinyTolerance_EqualsClosedForm(double alpha)
    {
        var (set, data, mlContext) = SmallProblem();
        var options = new LabelSpreadingOptions
        {
            Kernel = LabelPropagationKernel.Rbf, Gamma = Gamma, Alpha = alpha, Tolerance = 1e-12, MaximumNumberOfIterations = 100_000,
        };

        var actual = Distributions(mlContext.SemiSupervised.LabelSpreading(options).Fit(data).Transform(data));

        int n = set.Count;
        var w = RbfWeights(set);
        var degree = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (i != j) degree[j] += w[i, j];
        var system = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                system[i, j] = (i == j ? 1 : 0) - (i == j ? 0 : alpha * w[i, j] / Math.Sqrt(degree[i] * degree[j]));
        var expected = Normalize(Solve(system, OneHot(set, Enumerable.Range(0, n).ToArray())));

        AssertClose(expected, actual, 1e-4);
    }

    [Fact]
    public void LabelPropagation_RbfTinyTolerance_EqualsHarmonicSolution()
    {
        var (set, data, mlContext) = SmallProblem();
        var options = new LabelPropagationOptions
        {
            Kernel = LabelPropagationKernel.Rbf, Gamma = Gamma, Tolerance = 1e-12, MaximumNumberOfIterations = 100_000,
        };

        var actual = Distributions(mlContext.SemiSupervised.LabelPropagation(options).Fit(data).Transform(data));

        // Zhu's harmonic solution: f_U = (I - T_UU)^-1 T_UL Y_L with T = D^-1 W, labeled rows keep their labels.
        int n = set.Count;
        var w = RbfWeights(set);
        var t = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            double sum = Enumerable.Range(0, n).Sum(j => w[i, j]);
            for (int j = 0; j < n; j++)
                t[i, j] = w[i, j] / sum;
        }
        var unlabeled = Enumerable.Range(0, n).Where(i => !set.Labeled[i]).ToArray();
        var labeled = Enumerable.Range(0, n).Where(i => set.Labeled[i]).ToArray();
        var system = new double[unlabeled.Length, unlabeled.Length];
        for (int a = 0; a < unlabeled.Length; a++)
            for (int b = 0; b < unlabeled.Length; b++)
                system[a, b] = (a == b ? 1 : 0) - t[unlabeled[a], unlabeled[b]];
        var yl = OneHot(set, labeled);
        var rhs = new double[unlabeled.Length, yl.GetLength(1)];
        for (int a = 0; a < unlabeled.Length; a++)
            for (int l = 0; l < labeled.Length; l++)
                for (int c = 0; c < yl.GetLength(1); c++)
                    rhs[a, c] += t[unlabeled[a], labeled[l]] * yl[l, c];
        var fu = Solve(system, rhs);
        var expected = OneHot(set, Enumerable.Range(0, n).ToArray());
        for (int a = 0; a < unlabeled.Length; a++)
            for (int c = 0; c < expected.GetLength(1); c++)
                expected[unlabeled[a], c] = fu[a, c];

        AssertClose(Normalize(expected), actual, 1e-4);
    }

    /// <summary>
    /// Issue 12, target 3: the memory plan counts the iteration as <see cref="LabelIteration.Bytes"/> (two double
    /// distributions) and then the Single result: the arrays Run allocates, nothing else of their size.
    /// </summary>
    [Fact]
    public void Run_AllocatesTwoDoubleDistributionsAndTheSingleResult()
    {
        const int n = 3000, classCount = 7;
        var set = GraphTestData.Blobs(n, 4, classCount, 0.05, seed: 4);
        var points = new PointSet(set.Features.SelectMany(f => f).ToArray(), 4);
        var graph = SparseGraph.FromNeighbors(ExactNeighborSearch.Search(points, 6), 6, _ => 1f, selfLoops: false, symmetrize: true)
            .NormalizeForSpreading();
        var classes = set.TrueLabels.Select((c, i) => set.Labeled[i] ? c : -1).ToArray();
        new LabelIteration(graph, classes, classCount, alpha: 0.2).Run(5, 1e-3); // compiled before measuring

        var iteration = new LabelIteration(graph, classes, classCount, alpha: 0.2);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var distributions = iteration.Run(30, 1e-3);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(n * classCount, distributions.Length);
        Assert.InRange(allocated, LabelIteration.Bytes(n, classCount) + 4L * n * classCount, LabelIteration.Bytes(n, classCount) + 4L * n * classCount + (16L << 10));
    }

    private static (GraphTestData Set, IDataView Data, MLContext Context) SmallProblem()
    {
        var mlContext = new MLContext(seed: 1);
        var set = GraphTestData.Blobs(90, 4, 3, labeledFraction: 0.2, seed: 7, spread: 2.5);
        return (set, set.ToDataView(mlContext), mlContext);
    }

    private static double[,] RbfWeights(GraphTestData set)
    {
        int n = set.Count;
        var w = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                w[i, j] = Math.Exp(-Gamma * set.Features[i].Zip(set.Features[j], (a, b) => (double)(a - b) * (a - b)).Sum());
        return w;
    }

    private static double[,] OneHot(GraphTestData set, int[] rows)
    {
        int classes = set.TrueLabels.Max() + 1;
        var y = new double[rows.Length, classes];
        for (int r = 0; r < rows.Length; r++)
            if (set.Labeled[rows[r]]) y[r, set.TrueLabels[rows[r]]] = 1;
        return y;
    }

    private static float[][] Distributions(IDataView output) =>
        output.GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToArray();

    private static double[,] Normalize(double[,] m)
    {
        for (int i = 0; i < m.GetLength(0); i++)
        {
            double sum = 0;
            for (int c = 0; c < m.GetLength(1); c++) sum += m[i, c];
            for (int c = 0; c < m.GetLength(1); c++) m[i, c] /= sum;
        }
        return m;
    }

    private static void AssertClose(double[,] expected, float[][] actual, double tolerance)
    {
        Assert.Equal(expected.GetLength(0), actual.Length);
        for (int i = 0; i < actual.Length; i++)
            for (int c = 0; c < expected.GetLength(1); c++)
                Assert.True(Math.Abs(expected[i, c] - actual[i][c]) <= tolerance, $"row {i} class {c}: expected {expected[i, c]}, got {actual[i][c]}");
    }

    /// <summary>Solves A X = B by Gaussian elimination with partial pivoting.</summary>
    private static double[,] Solve(double[,] a, double[,] b)
    {
        int n = a.GetLength(0), m = b.GetLength(1);
        a = (double[,])a.Clone();
        b = (double[,])b.Clone();
        for (int col = 0; col < n; col++)
        {
            int pivot = Enumerable.Range(col, n - col).MaxBy(r => Math.Abs(a[r, col]));
            for (int k = 0; k < n; k++) (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
            for (int k = 0; k < m; k++) (b[col, k], b[pivot, k]) = (b[pivot, k], b[col, k]);
            for (int r = col + 1; r < n; r++)
            {
                double f = a[r, col] / a[col, col];
                for (int k = col; k < n; k++) a[r, k] -= f * a[col, k];
                for (int k = 0; k < m; k++) b[r, k] -= f * b[col, k];
            }
        }
        var x = new double[n, m];
        for (int r = n - 1; r >= 0; r--)
            for (int k = 0; k < m; k++)
            {
                double s = b[r, k];
                for (int c = r + 1; c < n; c++) s -= a[r, c] * x[c, k];
                x[r, k] = s / a[r, r];
            }
        return x;
    }
}
