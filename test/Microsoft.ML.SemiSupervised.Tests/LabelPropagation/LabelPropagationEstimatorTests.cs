using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.LabelPropagation;

namespace Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

public sealed class LabelPropagationEstimatorTests
{
    [Fact]
    public void Fit_NoLabeledRows_Throws()
    {
        var mlContext = new MLContext(seed: 1);
        var set = GraphTestData.Blobs(30, 2, 2, 0, seed: 1);
        var data = mlContext.Data.LoadFromEnumerable(Enumerable.Range(0, set.Count)
            .Select(i => new GraphTestData.Row { Features = set.Features[i], Label = float.NaN }), Schema(2));

        var error = Assert.Throws<ArgumentException>(() => mlContext.SemiSupervised.LabelSpreading().Fit(data));

        Assert.StartsWith("Label column 'Label' has no labeled rows", error.Message);
    }

    [Fact]
    public void Fit_OneClass_Throws()
    {
        var mlContext = new MLContext(seed: 1);
        var set = GraphTestData.Blobs(30, 2, 2, 0, seed: 1);
        var data = mlContext.Data.LoadFromEnumerable(Enumerable.Range(0, set.Count)
            .Select(i => new GraphTestData.Row { Features = set.Features[i], Label = i < 5 ? 1 : float.NaN }), Schema(2));

        var error = Assert.Throws<ArgumentException>(() => mlContext.SemiSupervised.LabelPropagation().Fit(data));

        Assert.StartsWith("Label column 'Label' has labeled rows of one class only ('1')", error.Message);
    }

    [Fact]
    public void Fit_MoreNeighborsThanOtherRows_Throws()
    {
        var mlContext = new MLContext(seed: 1);
        var data = GraphTestData.Blobs(10, 2, 2, 0.5, seed: 1).ToDataView(mlContext);

        var error = Assert.Throws<ArgumentException>(() => mlContext.SemiSupervised.LabelSpreading(numberOfNeighbors: 10).Fit(data));

        Assert.StartsWith("NumberOfNeighbors must be at most the number of rows minus 1 (9); got 10.", error.Message);
    }

    [Fact]
    public void Fit_NaNFeature_ThrowsNamingRowAndSlot()
    {
        var mlContext = new MLContext(seed: 1);
        var set = GraphTestData.Blobs(20, 2, 2, 0.5, seed: 1);
        set.Features[4][1] = float.NaN;

        var error = Assert.Throws<ArgumentException>(() => mlContext.SemiSupervised.LabelSpreading().Fit(set.ToDataView(mlContext)));

        Assert.StartsWith("Feature column 'Features' holds NaN in row 4 (slot 1).", error.Message);
    }

    [Fact]
    public void Fit_MissingLabelColumn_Throws()
    {
        var mlContext = new MLContext(seed: 1);
        var data = GraphTestData.Blobs(20, 2, 2, 0.5, seed: 1).ToDataView(mlContext);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => mlContext.SemiSupervised.LabelSpreading(labelColumnName: "Target").Fit(data));

        Assert.StartsWith("Could not find label column 'Target'.", error.Message);
    }

    [Fact]
    public void Fit_ScalarFeatureColumn_Throws()
    {
        var mlContext = new MLContext(seed: 1);
        var data = GraphTestData.Blobs(20, 2, 2, 0.5, seed: 1).ToDataView(mlContext);

        var error = Assert.Throws<ArgumentException>(() => mlContext.SemiSupervised.LabelSpreading(featureColumnName: "Label").Fit(data));

        Assert.StartsWith("Schema mismatch for feature column 'Label': expected a known-size vector of Single, got Single.", error.Message);
    }

    [Fact]
    public void Fit_VectorLabelColumn_Throws()
    {
        var mlContext = new MLContext(seed: 1);
        var data = GraphTestData.Blobs(20, 2, 2, 0.5, seed: 1).ToDataView(mlContext);

        var error = Assert.Throws<ArgumentException>(() => mlContext.SemiSupervised.LabelSpreading(labelColumnName: "Features").Fit(data));

        Assert.StartsWith("Schema mismatch for label column 'Features': expected Single, Double, Boolean, key or String, got Vector<Single, 2>.", error.Message);
    }

    [Fact]
    public void Fit_BooleanLabel_ThrowsBecauseItCannotBeMissing()
    {
        var mlContext = new MLContext(seed: 1);
        var data = mlContext.Data.LoadFromEnumerable(Enumerable.Range(0, 20)
            .Select(i => new BooleanRow { Features = [i, 0], Label = i % 2 == 0 }), Schema<BooleanRow>(2));

        var error = Assert.Throws<ArgumentException>(() => mlContext.SemiSupervised.LabelSpreading().Fit(data));

        Assert.StartsWith("Label column 'Label' is Boolean, which cannot mark a row as unlabeled.", error.Message);
    }

    [Fact]
    public void Fit_KeyLabel_OutputIsTheSameKeyType()
    {
        var mlContext = new MLContext(seed: 1);
        var moons = GraphTestData.Moons();
        var data = mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(moons.ToDataView(mlContext)).Transform(moons.ToDataView(mlContext));

        var output = mlContext.SemiSupervised.LabelSpreading().Fit(data).Transform(data);

        var input = data.Schema["Label"];
        var predicted = output.Schema["PropagatedLabel"];
        Assert.Equal(input.Type, predicted.Type);
        VBuffer<float> inputKeys = default;
        input.GetKeyValues(ref inputKeys);
        Assert.Equal(inputKeys.DenseValues().Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            TextKeyValues(predicted));
        var keys = output.GetColumn<uint>("PropagatedLabel").ToArray();
        var labels = output.GetColumn<uint>("Label").ToArray();
        Assert.All(Enumerable.Range(0, keys.Length).Where(i => labels[i] != 0), i => Assert.Equal(labels[i], keys[i]));
        Assert.DoesNotContain(0u, keys);
    }

    [Fact]
    public void Fit_TextLabel_OutputIsTextWithTheSameAccuracy()
    {
        var mlContext = new MLContext(seed: 1);
        var moons = GraphTestData.Moons();
        var numbers = GraphTestData.ReadClasses(mlContext.SemiSupervised.LabelSpreading().Fit(moons.ToDataView(mlContext)).Transform(moons.ToDataView(mlContext)));
        var text = moons.ToTextDataView(mlContext);

        var output = mlContext.SemiSupervised.LabelSpreading().Fit(text).Transform(text);

        Assert.Equal(TextDataViewType.Instance, output.Schema["PropagatedLabel"].Type);
        var labels = output.GetColumn<string>("PropagatedLabel").ToArray();
        Assert.Equal(numbers.Select(c => "class" + c), labels);
    }

    [Fact]
    public void Fit_DoubleLabel_OutputIsDoubleWithTheSameLabels()
    {
        var mlContext = new MLContext(seed: 1);
        var moons = GraphTestData.Moons();
        var single = moons.ToDataView(mlContext);
        var data = mlContext.Transforms.Conversion.ConvertType("Label", outputKind: Microsoft.ML.Data.DataKind.Double).Fit(single).Transform(single);

        var output = mlContext.SemiSupervised.LabelPropagation().Fit(data).Transform(data);

        Assert.Equal(NumberDataViewType.Double, output.Schema["PropagatedLabel"].Type);
        var expected = GraphTestData.ReadClasses(mlContext.SemiSupervised.LabelPropagation().Fit(single).Transform(single));
        Assert.Equal(expected.Select(c => (double)c), output.GetColumn<double>("PropagatedLabel"));
    }

    [Fact]
    public void Fit_IterationLimitReached_ReportsAndWarnsThroughLog()
    {
        var mlContext = new MLContext(seed: 1);
        var messages = new List<string>();
        mlContext.Log += (_, e) => { lock (messages) messages.Add(e.Message); };
        var data = GraphTestData.Moons().ToDataView(mlContext);

        var limited = mlContext.SemiSupervised.LabelPropagation(maximumNumberOfIterations: 2).Fit(data);
        var free = mlContext.SemiSupervised.LabelPropagation().Fit(data);

        Assert.False(limited.Report.Converged);
        Assert.Equal(2, limited.Report.NumberOfIterations);
        Assert.True(free.Report.Converged);
        Assert.InRange(free.Report.NumberOfIterations, 3, 999);
        Assert.Contains(messages, m => m.Contains("Label propagation did not converge within MaximumNumberOfIterations = 2", StringComparison.Ordinal));
        Assert.Single(messages, m => m.Contains("did not converge", StringComparison.Ordinal));
    }

    [Fact]
    public void Fit_ClusterWithoutLabeledRow_GetsMissingLabelZeroDistributionAndZeroConfidence()
    {
        // Two clusters 1000 apart; only the first has labels. With a directed 3-neighbour graph no label reaches the second.
        var mlContext = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 40).Select(i => new GraphTestData.Row
        {
            Features = [i < 20 ? i * 0.1f : 1000 + i * 0.1f, 0],
            Label = i == 0 ? 0 : i == 19 ? 1 : float.NaN,
        }).ToArray();
        var data = mlContext.Data.LoadFromEnumerable(rows, Schema(2));

        var model = mlContext.SemiSupervised.LabelPropagation(ScikitLearnSetting.Propagation(numberOfNeighbors: 3)).Fit(data);
        var output = model.Transform(data);

        var labels = output.GetColumn<float>("PropagatedLabel").ToArray();
        var confidence = output.GetColumn<float>("Confidence").ToArray();
        var distributions = output.GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToArray();
        Assert.Equal(20, model.Report.UnreachedRowCount);
        Assert.All(Enumerable.Range(20, 20), i =>
        {
            Assert.True(float.IsNaN(labels[i]));
            Assert.Equal(0f, confidence[i]);
            Assert.All(distributions[i], v => Assert.Equal(0f, v));
        });
        Assert.All(Enumerable.Range(0, 20), i => Assert.False(float.IsNaN(labels[i])));
    }

    [Fact]
    public void Transform_NewRow_AveragesItsNearestGraphRowsDistributions()
    {
        var mlContext = new MLContext(seed: 1);
        var moons = GraphTestData.Moons();
        var data = moons.ToDataView(mlContext);
        var model = mlContext.SemiSupervised.LabelSpreading(numberOfNeighbors: 7).Fit(data);
        var training = model.Transform(data).GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToArray();
        float[] point = [0.5f, 0.25f];

        var output = model.Transform(mlContext.Data.LoadFromEnumerable([new GraphTestData.Row { Features = point, Label = float.NaN }], Schema(2)));

        var nearest = Enumerable.Range(0, moons.Count)
            .OrderBy(i => Math.Pow(moons.Features[i][0] - point[0], 2) + Math.Pow(moons.Features[i][1] - point[1], 2)).Take(7).ToArray();
        var expected = new double[2];
        foreach (var i in nearest)
            for (int c = 0; c < 2; c++) expected[c] += training[i][c];
        var actual = output.GetColumn<VBuffer<float>>("Score").Single().DenseValues().ToArray();
        for (int c = 0; c < 2; c++)
            Assert.Equal(expected[c] / expected.Sum(), actual[c], 5);
    }

    [Fact]
    public void Transform_NewRowFarFromEveryGraphRowUnderRbf_GetsMissingLabelNotNaNProbabilities()
    {
        var mlContext = new MLContext(seed: 1);
        var data = GraphTestData.Moons().ToDataView(mlContext);
        var model = mlContext.SemiSupervised.LabelSpreading(kernel: LabelPropagationKernel.Rbf, gamma: 20).Fit(data);

        var output = model.Transform(mlContext.Data.LoadFromEnumerable([new GraphTestData.Row { Features = [100f, 100f], Label = float.NaN }], Schema(2)));

        Assert.True(float.IsNaN(output.GetColumn<float>("PropagatedLabel").Single()));
        Assert.Equal(0f, output.GetColumn<float>("Confidence").Single());
        Assert.All(output.GetColumn<VBuffer<float>>("Score").Single().DenseValues(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Fit_SymmetrizedGraph_ReachesAnOutlierNobodyListsAsNeighbor()
    {
        // Rows 0-4 at x = 0..4, row 5 an outlier at x = 50 labeled 1, row 0 labeled 0; one neighbour per row besides itself.
        // Row 5 lists row 4, but no row lists row 5: its label reaches row 4 only when the graph is symmetrized.
        var mlContext = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 6).Select(i => new GraphTestData.Row
        {
            Features = [i < 5 ? i : 50f, 0],
            Label = i == 5 ? 1 : i == 0 ? 0 : float.NaN,
        }).ToArray();
        var data = mlContext.Data.LoadFromEnumerable(rows, Schema(2));

        var directed = mlContext.SemiSupervised.LabelPropagation(ScikitLearnSetting.Propagation(numberOfNeighbors: 2)).Fit(data);
        var symmetric = mlContext.SemiSupervised.LabelPropagation(new LabelPropagationOptions { NumberOfNeighbors = 2, SymmetrizeGraph = true }).Fit(data);

        var directedDistribution = directed.Transform(data).GetColumn<VBuffer<float>>("Score").ElementAt(4).DenseValues().ToArray();
        var symmetricDistribution = symmetric.Transform(data).GetColumn<VBuffer<float>>("Score").ElementAt(4).DenseValues().ToArray();
        Assert.Equal(0f, directedDistribution[1]);
        Assert.True(symmetricDistribution[1] > 0, $"class 1 share {symmetricDistribution[1]}");
    }

    [Fact]
    public void Fit_NearestNeighborsRbfKernel_LabelsMoonsAsWellAsScikitLearnsKnn()
    {
        // Sparse RBF weights on the 7-neighbour graph; scikit-learn's kNN figure on the same rows is 95.78 %.
        var mlContext = new MLContext(seed: 1);
        var moons = GraphTestData.Moons();
        var data = moons.ToDataView(mlContext);

        var options = ScikitLearnSetting.Spreading();
        options.Kernel = LabelPropagationKernel.NearestNeighborsRbf;
        options.Gamma = 5;
        var model = mlContext.SemiSupervised.LabelSpreading(options).Fit(data);

        double accuracy = moons.UnlabeledAccuracy(GraphTestData.ReadClasses(model.Transform(data)));
        Assert.True(accuracy >= 0.95, $"accuracy {accuracy:P2}");
        Assert.Equal(500L * 6, model.Report.GraphEntryCount);
    }

    [Fact]
    public void GetOutputSchema_BeforeFit_MatchesTransformedSchema()
    {
        var mlContext = new MLContext(seed: 1);
        var data = GraphTestData.Moons().ToDataView(mlContext);
        var estimator = mlContext.SemiSupervised.LabelSpreading();

        var shape = estimator.GetOutputSchema(ShapeOf(data.Schema));
        var schema = estimator.Fit(data).Transform(data).Schema;

        Assert.Equal(schema.Select(c => c.Name), shape.Select(c => c.Name));
        foreach (var name in new[] { "PredictedLabel", "Score", "PropagatedLabel", "Confidence" })
        {
            var column = shape.Single(c => c.Name == name);
            var type = schema[name].Type is VectorDataViewType vector ? vector.ItemType : schema[name].Type;
            Assert.Equal(type is KeyDataViewType ? NumberDataViewType.UInt32 : type, column.ItemType);
            Assert.Equal(type is KeyDataViewType, column.IsKey);
        }
    }

    [Fact]
    public void Pipeline_LabelSpreadingThenTrainer_TrainsOnPropagatedLabels()
    {
        var mlContext = new MLContext(seed: 1);
        var moons = GraphTestData.Moons();
        var data = moons.ToDataView(mlContext);
        var pipeline = mlContext.SemiSupervised.LabelSpreading()
            .Append(mlContext.Transforms.Conversion.MapValueToKey("PropagatedLabel"))
            .Append(mlContext.MulticlassClassification.Trainers.LightGbm("PropagatedLabel", "Features"))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

        var model = pipeline.Fit(data);
        var fresh = GraphTestData.Moons();
        var predicted = model.Transform(mlContext.Data.LoadFromEnumerable(
            fresh.Features.Select(f => new GraphTestData.Row { Features = f, Label = float.NaN }), Schema(2)))
            .GetColumn<float>("PredictedLabel").Select(v => (int)v).ToArray();

        double accuracy = Enumerable.Range(0, fresh.Count).Count(i => predicted[i] == fresh.TrueLabels[i]) / (double)fresh.Count;
        Assert.True(accuracy >= 0.93, $"accuracy {accuracy:P2}");
    }

    // ML.NET keeps SchemaShape.Create internal; estimators are checked against the shape ML.NET itself would build.
    private static SchemaShape ShapeOf(DataViewSchema schema) => (SchemaShape)typeof(SchemaShape)
        .GetMethod("Create", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public, [typeof(DataViewSchema)])!
        .Invoke(null, [schema])!;

    private static IEnumerable<string> TextKeyValues(DataViewSchema.Column column)
    {
        VBuffer<ReadOnlyMemory<char>> values = default;
        column.GetKeyValues(ref values);
        return values.DenseValues().Select(v => v.ToString());
    }

    private static SchemaDefinition Schema(int dimension) => Schema<GraphTestData.Row>(dimension);

    private static SchemaDefinition Schema<T>(int dimension)
    {
        var schema = SchemaDefinition.Create(typeof(T));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return schema;
    }

    /// <summary>A row with a Boolean label.</summary>
    public sealed class BooleanRow
    {
        /// <summary>The features.</summary>
        public float[] Features { get; set; } = [];

        /// <summary>The label.</summary>
        public bool Label { get; set; }
    }
}
