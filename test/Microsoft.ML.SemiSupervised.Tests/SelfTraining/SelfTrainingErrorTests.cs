using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.SelfTraining;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.SelfTraining;

/// <summary>Every bad input gets a clear exception naming the column or option and the fix; the texts are pinned.</summary>
public sealed class SelfTrainingErrorTests
{
    private readonly MLContext _ml = new(1);

    private IDataView Rows(params (float Label, float[] Features)[] rows) =>
        DataViews.Load(_ml, rows.Select(r => new FloatLabelRow { Label = r.Label, Features = r.Features }), rows[0].Features.Length);

    private SelfTrainingEstimator<MulticlassPredictionTransformer<Trainers.MaximumEntropyModelParameters>, Trainers.MaximumEntropyModelParameters> Multiclass(SelfTrainingOptions? options = null) =>
        _ml.SemiSupervised.SelfTraining(_ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), options ?? new SelfTrainingOptions());

    [Fact]
    public void Fit_NoLabeledRows_Throws()
    {
        var data = Rows((float.NaN, new[] { 1f }), (float.NaN, new[] { 2f }));
        var e = Assert.Throws<ArgumentException>(() => Multiclass().Fit(data));
        Assert.Equal("Label column 'Label' has no labeled rows: every value is missing (NaN, the missing key, or empty or whitespace-only text). Label at least one row of each class.", e.Message);
    }

    [Fact]
    public void Fit_OneLabeledClass_Throws()
    {
        var data = Rows((3f, new[] { 1f }), (3f, new[] { 2f }), (float.NaN, new[] { 3f }));
        var e = Assert.Throws<ArgumentException>(() => Multiclass().Fit(data));
        Assert.Equal("Label column 'Label' has labeled rows of one class only ('3'). Label at least one row of a second class: a classifier cannot learn from one class.", e.Message);
    }

    [Fact]
    public void Fit_NaNFeature_ThrowsNamingRowSlotAndFix()
    {
        var data = Rows((0f, new[] { 1f, 2f }), (1f, new[] { 2f, float.NaN }), (float.NaN, new[] { 3f, 1f }));
        var e = Assert.Throws<ArgumentException>(() => Multiclass().Fit(data));
        Assert.Equal("Feature column 'Features' holds NaN in row 1 (slot 1). Semi-supervised learning compares rows by their features, so every value must be a finite number: " +
            "replace missing values first, for example with mlContext.Transforms.ReplaceMissingValues(\"Features\"), or filter those rows out.", e.Message);
    }

    [Fact]
    public void Fit_FeatureTooLargeToSquare_ThrowsNamingRowSlotAndFix()
    {
        // ML.NET's L-BFGS learns nothing from such features (every row one class at 1e19, right at 1e18): refused.
        var data = Rows((0f, new[] { 1f, 2f }), (1f, new[] { 2f, 3e19f }), (float.NaN, new[] { 3f, 1f }));
        var e = Assert.Throws<ArgumentException>(() => Multiclass().Fit(data));
        Assert.Equal("Feature column 'Features' holds 3E+19 in row 1 (slot 1), beyond 1.84E+19: its square overflows Single, so distances and " +
            "the inner trainers' arithmetic over it overflow. Rescale the features first, for example with " +
            "mlContext.Transforms.NormalizeMinMax(\"Features\") or NormalizeMeanVariance(\"Features\").", e.Message);
    }

    [Fact]
    public void Fit_NoRows_ThrowsNamingColumnsAndFix()
    {
        var data = DataViews.Load(_ml, Array.Empty<FloatLabelRow>(), 2);
        var e = Assert.Throws<ArgumentException>(() => Multiclass().Fit(data));
        Assert.Equal("The data has no rows: label column 'Label' and feature column 'Features' are empty. " +
            "Check the data source (the file path, separator and header, or a filter that removed every row) before fitting. (Parameter 'data')", e.Message);
    }

    [Fact]
    public void Fit_MissingLabelColumn_Throws()
    {
        var data = Rows((0f, new[] { 1f }), (1f, new[] { 2f }));
        var options = new SelfTrainingOptions { LabelColumnName = "Target" };
        var estimator = _ml.SemiSupervised.SelfTraining(_ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(labelColumnName: "Target"), options);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data));
        Assert.Equal("Could not find label column 'Target'. Name a column the data has, or create it earlier in the pipeline " +
            "(for example with mlContext.Transforms.CopyColumns). (Parameter 'columnName')", e.Message);
    }

    [Fact]
    public void Fit_MissingFeatureColumn_Throws()
    {
        var data = Rows((0f, new[] { 1f }), (1f, new[] { 2f }));
        var options = new SelfTrainingOptions { FeatureColumnName = "Pixels" };
        var estimator = _ml.SemiSupervised.SelfTraining(_ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(featureColumnName: "Pixels"), options);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data));
        Assert.Equal("Could not find feature column 'Pixels'. Name a column the data has, or create it earlier in the pipeline " +
            "(for example with mlContext.Transforms.Concatenate). (Parameter 'columnName')", e.Message);
    }

    [Fact]
    public void Fit_IntegerLabel_ThrowsSchemaMismatch()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new IntLabelRow { Label = 0 }, new IntLabelRow { Label = 1 } });
        var e = Assert.Throws<ArgumentException>(() => Multiclass().Fit(data));
        Assert.StartsWith("Schema mismatch for label column 'Label': expected Single, Double, Boolean, key or String, got Int32. " +
            "Convert it first, for example with mlContext.Transforms.Conversion.ConvertType or MapValueToKey.", e.Message);
    }

    [Fact]
    public void Fit_ScalarFeature_ThrowsSchemaMismatch()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new { Label = 0f, Features = 1f }, new { Label = 1f, Features = 2f } });
        var e = Assert.Throws<ArgumentException>(() => Multiclass().Fit(data));
        Assert.StartsWith("Schema mismatch for feature column 'Features': expected a known-size vector of Single, got Single.", e.Message);
    }

    [Fact]
    public void Fit_BinaryLabelOtherThanZeroOrOne_Throws()
    {
        var data = Rows((0f, new[] { 1f }), (2f, new[] { 2f }));
        var estimator = _ml.SemiSupervised.SelfTraining(_ml.BinaryClassification.Trainers.LbfgsLogisticRegression());
        var e = Assert.Throws<ArgumentException>(() => estimator.Fit(data));
        Assert.Equal("Label column 'Label' holds 2, but a binary label must be 0 (false), 1 (true) or NaN (unlabeled).", e.Message);
    }

    [Theory]
    [InlineData(1.5, "Threshold must be in (0, 1]; got 1.5.")]
    [InlineData(0.0, "Threshold must be in (0, 1]; got 0.")]
    public void Create_ThresholdOutOfRange_ThrowsBeforeFit(double threshold, string expected)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.SemiSupervised.SelfTraining(_ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), confidenceThreshold: threshold));
        Assert.Equal("threshold", e.ParamName);
        Assert.StartsWith(expected, e.Message);
    }

    [Fact]
    public void Create_NullSelectionAndNegativeIterations_ReportsBothTogether()
    {
        var e = Assert.Throws<ArgumentException>(() => Multiclass(new SelfTrainingOptions { Selection = null!, MaximumNumberOfIterations = -1 }));
        Assert.Equal("Invalid self-training options: MaximumNumberOfIterations must be null (no limit) or non-negative; got -1. Selection must be a pseudo-label selection, such as new ConfidenceThresholdSelection(); got null.", e.Message);
    }

    [Fact]
    public void Create_HoldOutFractionOfOne_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Multiclass(new SelfTrainingOptions { HoldOutFraction = 1 }));
        Assert.Equal("Invalid self-training options: HoldOutFraction must be in [0, 1); got 1.", e.Message);
    }

    [Fact]
    public void Create_PseudoLabelWeightWithoutWeightColumn_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Multiclass(new SelfTrainingOptions { PseudoLabelWeight = 0.5f }));
        Assert.Equal("Invalid self-training options: PseudoLabelWeight is 0.5, but ExampleWeightColumnName is null: set it, and create the inner trainer with the same exampleWeightColumnName, so that the weight reaches the trainer.", e.Message);
    }

    [Fact]
    public void Create_TrainerReadsAnotherLabelColumn_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => _ml.SemiSupervised.SelfTraining(_ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(labelColumnName: "Target")));
        Assert.Equal("The inner trainer reads label column 'Target', but self-training was given label column 'Label'. Give both the same name.", e.Message);
    }

    [Fact]
    public void Create_FactoryTrainerReadsAnotherFeatureColumn_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => _ml.SemiSupervised.SelfTraining(() => _ml.BinaryClassification.Trainers.LbfgsLogisticRegression(featureColumnName: "Pixels")));
        Assert.Equal("The inner trainer reads feature column 'Pixels', but self-training was given feature column 'Features'. Give both the same name.", e.Message);
    }

    [Fact]
    public void Create_TrainerReadsAWeightColumnTheOptionsDoNotName_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => _ml.SemiSupervised.SelfTraining(_ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(exampleWeightColumnName: "Weight"), new SelfTrainingOptions()));
        Assert.Equal("The inner trainer reads example weight column 'Weight', but self-training was given no ExampleWeightColumnName. Pass exampleWeightColumnName: \"Weight\" to self-training as well.", e.Message);
    }

    [Fact]
    public void Create_WeightColumnTheTrainerDoesNotRead_Throws()
    {
        var options = new SelfTrainingOptions { ExampleWeightColumnName = "Weight", PseudoLabelWeight = 0.5f };
        var e = Assert.Throws<ArgumentException>(() => Multiclass(options));
        Assert.Equal("self-training writes example weight column 'Weight', but the inner trainer reads none, so the weights would be ignored. Create the inner trainer with exampleWeightColumnName: \"Weight\".", e.Message);
    }

    private sealed class IntLabelRow
    {
        public int Label { get; set; }

        [VectorType(1)]
        public float[] Features { get; set; } = { 1f };
    }
}
