using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Graphs;
using Microsoft.ML.SemiSupervised.LabelPropagation;

namespace Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

/// <summary>
/// Rows with equal features are one point to the transform: the labeled rows among them decide its answer (the
/// mean of their distributions), else the mean of the reached unlabeled rows' distributions.
/// </summary>
public sealed class LabelPropagationDuplicateRowsTests
{
    // The example: x = 0 unlabeled, 0.1 (0), 0.2 (0), 0 (1), 5 (1), 5.1 unlabeled; scikit-learn's transduction_ keeps row 3 at 1.
    private static readonly float[] X = [0f, 0.1f, 0.2f, 0f, 5f, 5.1f];
    private static readonly float[] Labels = [float.NaN, 0, 0, 1, 1, float.NaN];

    [Fact]
    public void LabelPropagation_LabeledRowWithUnlabeledDuplicate_KeepsItsClampedLabel()
    {
        var mlContext = new MLContext(seed: 1);
        var data = ToDataView(mlContext, X, Labels);

        var model = mlContext.SemiSupervised.LabelPropagation(numberOfNeighbors: 3).Fit(data);
        var output = model.Transform(data);

        var labels = output.GetColumn<float>("PropagatedLabel").ToArray();
        var distributions = output.GetColumn<float[]>("Score").ToArray();
        Assert.Equal(1f, labels[3]);
        Assert.Equal(new[] { 0f, 1f }, distributions[3]);
        Assert.Equal(new[] { 0f, 1f }, distributions[0]);
        for (int row = 1; row < X.Length; row++)
        {
            if (!float.IsNaN(Labels[row]))
                Assert.Equal(Labels[row], labels[row]);
        }
        var newRow = model.Transform(ToDataView(mlContext, [0f], [float.NaN]));
        Assert.Equal(1f, newRow.GetColumn<float>("PropagatedLabel").Single());
    }

    [Fact]
    public void LabelSpreading_LabeledRowWithUnlabeledDuplicate_GetsItsOwnSpreadDistribution()
    {
        var mlContext = new MLContext(seed: 1);
        var data = ToDataView(mlContext, X, Labels);

        var model = mlContext.SemiSupervised.LabelSpreading(numberOfNeighbors: 3).Fit(data);
        var distributions = model.Transform(data).GetColumn<float[]>("Score").ToArray();

        var own = model.Model.Distributions.AsSpan(3 * 2, 2).ToArray();
        Assert.Equal(own, distributions[3]);
        Assert.Equal(own, distributions[0]);
    }

    [Fact]
    public void Lookup_EqualRows_LabeledDecideElseTheMeanOfTheReached()
    {
        // Rows: a (unlabeled), b, a (labeled), c (unlabeled), c (unlabeled), c (unreached), d (unreached), d (unreached), a (labeled).
        float[][] rows = [[1, 0], [2, 0], [1, 0], [3, 0], [3, 0], [3, 0], [4, 0], [4, 0], [1, -0f]];
        float[][] distributions = [[0.9f, 0.1f], [0.3f, 0.7f], [0f, 1f], [0.2f, 0.8f], [0.6f, 0.4f], [0, 0], [0, 0], [0, 0], [0.5f, 0.5f]];
        bool[] labeled = [false, false, true, false, false, false, false, false, true];
        var lookup = new StoredRowLookup(new PointSet(rows.SelectMany(r => r).ToArray(), 2), distributions.SelectMany(d => d).ToArray(), 2, labeled);

        Assert.Equal(new[] { 0.25f, 0.75f }, Find(lookup, [1, 0]));
        Assert.Equal(new[] { 0.3f, 0.7f }, Find(lookup, [2, 0]));
        Assert.Equal(new[] { 0.4f, 0.6f }, Find(lookup, [3, 0]), new ToleranceComparer());
        Assert.Equal(new[] { 0f, 0f }, Find(lookup, [4, 0]));
        Assert.Null(Find(lookup, [5, 0]));
        var unknownLabels = new StoredRowLookup(new PointSet(rows.SelectMany(r => r).ToArray(), 2), distributions.SelectMany(d => d).ToArray(), 2, labeled: null);
        Assert.Equal(new[] { 0.4666667f, 0.5333333f }, Find(unknownLabels, [1, 0]), new ToleranceComparer());
    }

    private static float[]? Find(StoredRowLookup lookup, float[] features) =>
        lookup.TryFind(features, out var distribution) ? distribution.ToArray() : null;

    private sealed class ToleranceComparer : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) < 1e-6f;

        public int GetHashCode(float obj) => 0;
    }

    private static IDataView ToDataView(MLContext mlContext, float[] x, float[] labels)
    {
        var schema = SchemaDefinition.Create(typeof(GraphTestData.Row));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 1);
        return mlContext.Data.LoadFromEnumerable(x.Select((v, i) => new GraphTestData.Row { Features = [v], Label = labels[i] }), schema);
    }

    [Fact]
    public void SparseModel_LabeledRowWithUnlabeledDuplicate_KeepsItsClampedLabel()
    {
        // Sparse stored rows (as featurized text gives): row 0 unlabeled and row 2 labeled class 1 have equal features,
        // and row 0's propagated distribution came out as class 0; the equal rows answer with the labeled row's.
        var rows = new SparseRows([0, 1, 2, 3], [3, 7, 3], [1f, 1f, 1f], dimension: 2000);
        float[] distributions = [0.6f, 0.4f, 1f, 0f, 0f, 1f];
        var model = new LabelPropagationModel(LabelPropagationKernel.NearestNeighbors, 1, 1, new SparseNeighborSearch(rows), 2,
            distributions, labeled: [false, true, true]);

        var distribution = new float[2];
        var query = new VBuffer<float>(2000, 1, [1f], [3]);

        Assert.Equal(1, model.Predict(query, distribution));
        Assert.Equal(new[] { 0f, 1f }, distribution);
    }
}
