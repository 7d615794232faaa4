using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Neural;
using Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.Estimator;

/// <summary>The model writes ML.NET's multiclass outputs, so that ML.NET's evaluator and PredictionEngine read it as a trainer's.</summary>
public sealed class NeuralOutputTests
{
    private sealed class Prediction
    {
        public uint PredictedLabel { get; set; }

        public float[] Score { get; set; } = [];
    }

    [Fact]
    public void Transform_Multiclass_WritesKeyPredictedLabelWithClassNamesAndScoreVector()
    {
        var ml = new MLContext(seed: 1);
        var data = IrisRows.PartlyLabeled(ml);
        var model = ml.SemiSupervised.FixMatch(QuickOptions.FixMatch()).Fit(data);
        var schema = model.Transform(data).Schema;

        var predicted = schema["PredictedLabel"];
        Assert.Equal(3UL, Assert.IsType<KeyDataViewType>(predicted.Type).Count);
        VBuffer<ReadOnlyMemory<char>> names = default;
        predicted.GetKeyValues(ref names);
        Assert.Equal(["0", "1", "2"], names.DenseValues().Select(n => n.ToString()));
        Assert.Equal(["0", "1", "2"], model.ClassNames);
        var score = Assert.IsType<VectorDataViewType>(schema["Score"].Type);
        Assert.Equal(3, score.Size);
        Assert.Equal(NumberDataViewType.Single, score.ItemType);
        Assert.Equal(schema.Select(c => c.Name), ml.SemiSupervised.FixMatch(QuickOptions.FixMatch()).GetOutputSchema(EstimatorConformance.ShapeOf(data.Schema)).Select(c => c.Name));
    }

    [Fact]
    public void Evaluate_MulticlassEvaluator_ReadsTheModelsPredictions()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.SemiSupervised.FixMatch(QuickOptions.FixMatch()).Fit(IrisRows.PartlyLabeled(ml));
        var scored = model.Transform(IrisRows.AllLabeled(ml));

        var metrics = ml.MulticlassClassification.Evaluate(scored);
        var predictions = ml.Data.CreateEnumerable<Prediction>(scored, reuseRowObject: false).ToArray();
        var truth = IrisRows.All().Select(r => (uint)r.Label + 1).ToArray();
        double accuracy = predictions.Zip(truth).Count(p => p.First.PredictedLabel == p.Second) / (double)truth.Length;
        Assert.Equal(accuracy, metrics.MicroAccuracy, 10);
        Assert.All(predictions, p => Assert.Equal(1f, p.Score.Sum(), 3));
        Assert.All(predictions, p => Assert.Equal(Array.IndexOf(p.Score, p.Score.Max()) + 1, (int)p.PredictedLabel));
    }

    [Fact]
    public void PredictionEngine_OneRow_AgreesWithTransform()
    {
        var ml = new MLContext(seed: 1);
        var data = IrisRows.PartlyLabeled(ml);
        var model = ml.SemiSupervised.PseudoLabeling(new PseudoLabelingOptions { MaximumNumberOfIterations = 2, HiddenLayerSizes = [16], Seed = 3 }).Fit(data);
        var engine = ml.Model.CreatePredictionEngine<IrisRows.Row, Prediction>(model);
        var fromTransform = ml.Data.CreateEnumerable<Prediction>(model.Transform(data), reuseRowObject: false).ToArray();
        var rows = IrisRows.PartlyLabeled();
        for (int i = 0; i < rows.Length; i += 37)
        {
            var single = engine.Predict(rows[i]);
            Assert.Equal(fromTransform[i].PredictedLabel, single.PredictedLabel);
            Assert.Equal(fromTransform[i].Score, single.Score);
        }
    }

    [Fact]
    public void Fit_BinaryLabel_WritesTwoClasses()
    {
        var ml = new MLContext(seed: 1);
        var rows = IrisRows.PartlyLabeled().Select(r => new IrisRows.Row { Features = r.Features, Label = float.IsNaN(r.Label) ? float.NaN : r.Label == 0 ? 0 : 1 });
        var model = ml.SemiSupervised.FixMatch(QuickOptions.FixMatch()).Fit(ml.Data.LoadFromEnumerable(rows));
        Assert.Equal(["0", "1"], model.ClassNames);
        Assert.Equal(2, ((VectorDataViewType)model.Transform(ml.Data.LoadFromEnumerable(rows)).Schema["Score"].Type).Size);
    }

    [Fact]
    public void Fit_TextLabel_KeepsTheTextAsClassNames()
    {
        var ml = new MLContext(seed: 1);
        string[] names = ["setosa", "versicolor", "virginica"];
        var rows = IrisRows.PartlyLabeled().Select(r => new { r.Features, Label = float.IsNaN(r.Label) ? "" : names[(int)r.Label] }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new TextRow { Features = r.Features, Label = r.Label }));
        var model = ml.SemiSupervised.FixMatch(QuickOptions.FixMatch()).Fit(data);
        Assert.Equal(names, model.ClassNames);
    }

    private sealed class TextRow
    {
        [VectorType(4)]
        public float[] Features { get; set; } = [];

        public string Label { get; set; } = "";
    }
}
