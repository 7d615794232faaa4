using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Graphs;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

/// <summary>
/// <see cref="NeighborMetric.Cosine"/>: rows scaled to unit length, then the Euclidean searches (dense and sparse) order
/// them by cosine; the transformer scales every row it predicts the same way, live and loaded.
/// </summary>
public sealed class CosineMetricTests
{
    [Fact]
    public void Metric_DefaultIsEuclidean_AndAnUndefinedValueIsRefusedBeforeFit()
    {
        Assert.Equal(NeighborMetric.Euclidean, new LabelSpreadingOptions().Metric);
        Assert.Equal(NeighborMetric.Euclidean, new LabelPropagationOptions().Metric);

        var error = Assert.Throws<ArgumentException>(() => new MLContext(1).SemiSupervised.LabelSpreading(new LabelSpreadingOptions { Metric = (NeighborMetric)5 }));

        Assert.Equal("Invalid label spreading options: Metric must be Euclidean or Cosine; got 5.", error.Message);
    }

    [Fact]
    public void ScaledRows_ExactSearch_FindsTheNeighboursOfTheCosineDefinition()
    {
        // 200 rows of 8 values (negative ones too), each multiplied by a length between 0.01 and 100.
        var raw = RandomDenseRows(200, 8, seed: 3);
        const int k = 5;
        var points = new PointSet(raw.SelectMany(r => r).ToArray(), 8);

        var zeros = UnitLength.ScaleRows(points);
        var found = ExactNeighborSearch.Search(points, k);
        var euclidean = ExactNeighborSearch.Search(new PointSet(raw.SelectMany(r => r).ToArray(), 8), k);

        Assert.Equal((0, -1), zeros);
        int differ = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            var expected = Enumerable.Range(0, raw.Length).Where(j => j != i)
                .OrderByDescending(j => Cosine(raw[i], raw[j])).ThenBy(j => j).Take(k).ToArray();
            Assert.Equal(expected, found.Indices.AsSpan(i * k, k).ToArray());
            for (int t = 0; t < k; t++)
                Assert.InRange(found.SquaredDistances[i * k + t] - (2 - 2 * Cosine(raw[i], raw[expected[t]])), -1e-5, 1e-5);
            differ += expected.Order().SequenceEqual(euclidean.Indices.AsSpan(i * k, k).ToArray().Order()) ? 0 : 1;
        }
        Assert.True(differ > raw.Length / 2, $"the data must tell the metrics apart; only {differ} rows differ");
    }

    [Fact]
    public void ScaledSparseRows_InvertedIndex_FindsTheNeighboursOfTheDenseScaledRows()
    {
        var (sparse, dense) = RandomSparseRows(300, seed: 4);
        const int k = 6;
        var (scaledSparse, zeroRows, _) = UnitLength.ScaleRows(sparse);
        UnitLength.ScaleRows(dense);

        var fromSparse = new SparseNeighborSearch(scaledSparse).SearchAll(k);
        var fromDense = ExactNeighborSearch.Search(dense, k);

        Assert.Equal(0, zeroRows);
        for (int i = 0; i < sparse.Count; i++)
        {
            Assert.Equal(fromDense.Indices.AsSpan(i * k, k).ToArray(), fromSparse.Indices.AsSpan(i * k, k).ToArray());
            for (int t = 0; t < k; t++)
                Assert.InRange(fromSparse.SquaredDistances[i * k + t] - fromDense.SquaredDistances[i * k + t], -1e-5f, 1e-5f);
        }
    }

    [Fact]
    public void LabelSpreading_CosineOnSparseRows_EqualsCosineOnTheSameRowsDense()
    {
        var ml = new MLContext(1);
        var (sparse, dense) = RandomSparseRows(300, seed: 4);
        var labels = Enumerable.Range(0, sparse.Count).Select(i => i % 10 == 0 ? (float)(sparse.RowIndices(i)[0] % 3) : float.NaN).ToArray();
        var options = new LabelSpreadingOptions { Metric = NeighborMetric.Cosine, NumberOfNeighbors = 6, Kernel = LabelPropagationKernel.NearestNeighborsRbf, Gamma = 2 };
        var sparseData = SparseView(ml, sparse, labels);
        var denseData = DataViews.Load(ml, Enumerable.Range(0, dense.Count).Select(i => new FloatLabelRow { Label = labels[i], Features = dense[i].ToArray() }), dense.Dimension);

        var sparseModel = ml.SemiSupervised.LabelSpreading(options).Fit(sparseData);
        var denseModel = ml.SemiSupervised.LabelSpreading(options).Fit(denseData);

        Assert.True(sparseModel.Model.IsSparse);
        Assert.False(denseModel.Model.IsSparse);
        var sparseScores = sparseModel.Transform(sparseData).GetColumn<float[]>("Score").ToArray();
        var denseScores = denseModel.Transform(denseData).GetColumn<float[]>("Score").ToArray();
        for (int i = 0; i < sparseScores.Length; i++)
            Assert.Equal(denseScores[i], sparseScores[i], new FloatTolerance(1e-4f));
    }

    [Fact]
    public void LabelSpreading_Cosine_RowsStretchedByPowersOfTwo_FitTheSameModel()
    {
        // Every row stretched by its own power of two between 2^-6 and 2^6: the same directions, bit for bit the same unit rows.
        var ml = new MLContext(1);
        var (rows, _) = DirectionClasses(300, seed: 5);
        var random = new Random(9);
        var stretched = rows.Select(r =>
        {
            int exponent = random.Next(-6, 7);
            return new FloatLabelRow { Label = r.Label, Features = r.Features.Select(v => MathF.ScaleB(v, exponent)).ToArray() };
        }).ToArray();
        var data = DataViews.Load(ml, rows, 2);
        var stretchedData = DataViews.Load(ml, stretched, 2);
        var cosine = new LabelSpreadingOptions { Metric = NeighborMetric.Cosine, Kernel = LabelPropagationKernel.NearestNeighborsRbf, Gamma = 1 };
        var euclidean = new LabelSpreadingOptions { Kernel = LabelPropagationKernel.NearestNeighborsRbf, Gamma = 1 };

        var cosineScores = Scores(ml.SemiSupervised.LabelSpreading(cosine).Fit(data), data);
        var cosineStretched = Scores(ml.SemiSupervised.LabelSpreading(cosine).Fit(stretchedData), stretchedData);
        var euclideanScores = Scores(ml.SemiSupervised.LabelSpreading(euclidean).Fit(data), data);
        var euclideanStretched = Scores(ml.SemiSupervised.LabelSpreading(euclidean).Fit(stretchedData), stretchedData);

        Assert.Equal(cosineScores, cosineStretched);
        Assert.NotEqual(euclideanScores, euclideanStretched); // the stretch changes the Euclidean graph: the test tells the metrics apart
    }

    [Fact]
    public void LabelSpreading_Cosine_NewRowsScaledLiveAndLoaded_ZeroRowGetsNoLabel()
    {
        var ml = new MLContext(1);
        var (rows, _) = DirectionClasses(200, seed: 6);
        var data = DataViews.Load(ml, rows, 2);
        var model = ml.SemiSupervised.LabelSpreading(new LabelSpreadingOptions { Metric = NeighborMetric.Cosine }).Fit(data);
        var stored = model.Transform(data).GetColumn<float[]>("Score").ToArray();
        // New rows: each stored row stretched 8 times (the same direction, and a power of two, so its unit row is bit for bit
        // the stored one: it gets its own answer), and a row of zeros.
        var newRows = rows.Select(r => new FloatLabelRow { Label = float.NaN, Features = r.Features.Select(v => v * 8).ToArray() })
            .Append(new FloatLabelRow { Label = float.NaN, Features = [0, 0] }).ToArray();
        var fresh = DataViews.Load(ml, newRows, 2);
        var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext(1).Model.Load(stream, out _);

        foreach (var transformer in new ITransformer[] { model, loaded })
        {
            var output = transformer.Transform(fresh);
            var scores = output.GetColumn<float[]>("Score").ToArray();
            var labels = output.GetColumn<float>("PropagatedLabel").ToArray();
            var confidence = output.GetColumn<float>("Confidence").ToArray();
            for (int i = 0; i < rows.Length; i++)
                Assert.Equal(stored[i], scores[i], new FloatTolerance(1e-6f));
            Assert.True(float.IsNaN(labels[^1]));
            Assert.Equal(0, confidence[^1]);
            Assert.All(scores[^1], s => Assert.Equal(0, s));
        }
    }

    [Fact]
    public void LabelSpreading_Cosine_RowOfZeros_IsRefusedNamingTheColumnAndTheFix()
    {
        var ml = new MLContext(1);
        var (rows, _) = DirectionClasses(50, seed: 7);
        rows[12].Features = [0, 0];
        rows[30].Features = [0, 0];

        var error = Assert.Throws<ArgumentException>(() => ml.SemiSupervised.LabelSpreading(new LabelSpreadingOptions { Metric = NeighborMetric.Cosine }).Fit(DataViews.Load(ml, rows, 2)));

        Assert.Equal("Metric = Cosine needs every row to have a non-zero feature: feature column 'Features' has 2 rows whose values are all " +
            "zero (the first is row 12), whose cosine similarity to any row is undefined. Remove them first (e.g. " +
            "mlContext.Data.FilterByCustomPredicate), or use Metric = NeighborMetric.Euclidean. (Parameter 'input')", error.Message);
    }

    [Fact]
    public void LabelSpreading_CosineOnRawWordCounts_BeatsTheSupervisedBaseline()
    {
        // Featurized text without FeaturizeText's row normalization: raw n-gram counts, longer tickets have longer rows.
        var ml = new MLContext(1);
        var tickets = TicketTexts.Generate(2000, 0.03, seed: 7);
        var raw = ml.Data.LoadFromEnumerable(tickets);
        var featurize = ml.Transforms.Text.FeaturizeText("Features", new Transforms.Text.TextFeaturizingEstimator.Options
        {
            Norm = Transforms.Text.TextFeaturizingEstimator.NormFunction.None,
        }, "Text");
        var data = ml.Data.Cache(featurize.Fit(raw).Transform(raw));
        var options = new LabelSpreadingOptions { Metric = NeighborMetric.Cosine, NumberOfNeighbors = 10, SymmetrizeGraph = true, Alpha = 0.9, MaximumNumberOfIterations = 100 };

        var model = ml.SemiSupervised.LabelSpreading(options).Fit(data);
        var cosine = TicketTexts.HiddenAccuracy(tickets, model.Transform(data).GetColumn<string>("PropagatedLabel").ToArray());
        var baseline = TicketTexts.HiddenAccuracy(tickets, SupervisedBaseline(ml, data));

        Assert.True(model.Model.IsSparse);
        Assert.True(cosine > baseline + 0.05, $"label spreading (cosine) {cosine:P2}, supervised baseline {baseline:P2}");
    }

    private static string[] SupervisedBaseline(MLContext ml, IDataView data)
    {
        var labeledOnly = ml.Data.FilterByCustomPredicate<LabelRow>(data, row => row.Label.Length == 0);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Key", "Label")
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy("Key", "Features", l1Regularization: 0))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedTopic", "PredictedLabel"));
        return pipeline.Fit(labeledOnly).Transform(data).GetColumn<string>("PredictedTopic").ToArray();
    }

    private static float[] Scores(ITransformer model, IDataView data) =>
        model.Transform(data).GetColumn<float[]>("Score").SelectMany(s => s).ToArray();

    /// <summary>Two classes by direction (around 20 and 70 degrees), each row at a length between 0.01 and 100; 3 labeled rows a class.</summary>
    private static (FloatLabelRow[] Rows, int[] Truth) DirectionClasses(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new FloatLabelRow[count];
        var truth = new int[count];
        for (int i = 0; i < count; i++)
        {
            int c = i % 2;
            double angle = (c == 0 ? 20 : 70) * Math.PI / 180 + (random.NextDouble() - 0.5) * 0.5;
            double length = Math.Pow(10, random.NextDouble() * 4 - 2);
            rows[i] = new FloatLabelRow
            {
                Label = i < 6 ? c : float.NaN,
                Features = [(float)(length * Math.Cos(angle)), (float)(length * Math.Sin(angle))],
            };
            truth[i] = c;
        }
        return (rows, truth);
    }

    private static float[][] RandomDenseRows(int count, int dimension, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            double length = Math.Pow(10, random.NextDouble() * 4 - 2);
            return Enumerable.Range(0, dimension).Select(_ => (float)((random.NextDouble() * 2 - 0.7) * length)).ToArray();
        }).ToArray();
    }

    /// <summary>
    /// Rows of 2,000 slots, 5 to 30 non-zeros each (values 0.5 to 3, as weighted counts), using 600 of the slots only; and the
    /// same rows dense over those 600 slots (the same dot products and norms).
    /// </summary>
    private static (SparseRows Sparse, PointSet Dense) RandomSparseRows(int count, int seed)
    {
        var random = new Random(seed);
        var used = Enumerable.Range(0, 2000).OrderBy(_ => random.Next()).Take(600).Order().ToArray();
        var starts = new List<long> { 0 };
        var indices = new List<int>();
        var values = new List<float>();
        var dense = new float[count * used.Length];
        for (int i = 0; i < count; i++)
        {
            int perRow = random.Next(5, 31);
            var positions = Enumerable.Range(0, perRow).Select(_ => random.NextDouble() < 0.5 ? random.Next(40) : random.Next(used.Length)).Distinct().Order().ToArray();
            foreach (var position in positions)
            {
                float value = (float)(0.5 + random.NextDouble() * 2.5);
                indices.Add(used[position]);
                values.Add(value);
                dense[i * used.Length + position] = value;
            }
            starts.Add(indices.Count);
        }
        return (new SparseRows(starts.ToArray(), indices.ToArray(), values.ToArray(), 2000), new PointSet(dense, used.Length));
    }

    private static IDataView SparseView(MLContext ml, SparseRows rows, float[] labels)
    {
        var schema = SchemaDefinition.Create(typeof(SparseRow));
        schema[nameof(SparseRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, rows.Dimension);
        var list = Enumerable.Range(0, rows.Count).Select(i => new SparseRow
        {
            Label = labels[i],
            Features = new VBuffer<float>(rows.Dimension, rows.RowIndices(i).Length, rows.RowValues(i).ToArray(), rows.RowIndices(i).ToArray()),
        }).ToList();
        return ml.Data.LoadFromEnumerable(list, schema);
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int f = 0; f < a.Length; f++)
        {
            dot += (double)a[f] * b[f];
            na += (double)a[f] * a[f];
            nb += (double)b[f] * b[f];
        }
        return dot / Math.Sqrt(na * nb);
    }

    private sealed class SparseRow
    {
        public float Label { get; set; }

        public VBuffer<float> Features { get; set; }
    }

    private sealed class LabelRow
    {
        public string Label { get; set; } = "";
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
