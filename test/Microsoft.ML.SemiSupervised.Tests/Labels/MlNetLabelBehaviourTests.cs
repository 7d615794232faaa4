using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Selection;
using Microsoft.ML.SemiSupervised.SelfTraining;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.Labels;

/// <summary>
/// What Microsoft.ML 5.0.1 itself does with missing labels, pinned so that an ML.NET upgrade that changes
/// it is noticed, and what the library does about each.
/// </summary>
public sealed class MlNetLabelBehaviourTests
{
    private readonly MLContext _ml = new(1);

    [Fact]
    public void MapValueToKey_EmptyText_BecomesTheMissingKey()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new { Label = "a" }, new { Label = "" }, new { Label = "b" } });

        var keys = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data).GetColumn<uint>("Label").ToArray();

        Assert.Equal(new uint[] { 1, 0, 2 }, keys);
    }

    [Fact]
    public void MapValueToKey_NaN_BecomesTheMissingKey()
    {
        var data = DataViews.Load(_ml, new[] { 3f, float.NaN, 1f }.Select(l => new FloatLabelRow { Label = l, Features = new[] { 0f } }), 1);

        var keys = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data).GetColumn<uint>("Label").ToArray();

        Assert.Equal(new uint[] { 1, 0, 2 }, keys);
    }

    [Fact]
    public void ConvertTypeToBoolean_NaN_BecomesTrue_SoSelfTrainingConvertsItself()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new { Label = 0f }, new { Label = float.NaN }, new { Label = 1f } });

        var converted = _ml.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Boolean).Fit(data).Transform(data).GetColumn<bool>("Label").ToArray();

        Assert.Equal(new[] { false, true, true }, converted);
    }

    [Fact]
    public void TextLoader_EmptySingleField_IsZeroUnlessMissingRealsAsNaNs()
    {
        var path = Path.Combine(Path.GetTempPath(), $"labels-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, new[] { "Label,X", "1,0.5", ",0.7" });
        try
        {
            var columns = new[] { new TextLoader.Column("Label", DataKind.Single, 0), new TextLoader.Column("X", DataKind.Single, 1) };
            var plain = _ml.Data.LoadFromTextFile(path, columns, separatorChar: ',', hasHeader: true);
            var withNaN = _ml.Data.LoadFromTextFile(path, new TextLoader.Options { Columns = columns, Separators = new[] { ',' }, HasHeader = true, MissingRealsAsNaNs = true });

            Assert.Equal(new[] { 1f, 0f }, plain.GetColumn<float>("Label"));
            Assert.Equal(new[] { 1f, float.NaN }, withNaN.GetColumn<float>("Label"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadFromEnumerable_KeyTypedUInt_IsZeroBased()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new KeyRow { Label = 0 }, new KeyRow { Label = 2 } });

        var cursor = data.GetRowCursor(data.Schema);
        var getter = cursor.GetGetter<uint>(data.Schema["Label"]);
        var raw = new List<uint>();
        uint value = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            raw.Add(value);
        }

        Assert.Equal(new uint[] { 1, 3 }, raw);
    }

    [Fact]
    public void OneVersusAll_TrainsOnMissingKeyRows_SelfTrainingHandsItLabeledRowsOnly()
    {
        // OneVersusAll given rows with the missing key uses them (as negatives): its model differs from the one
        // fitted on the labeled rows alone. Self-training with zero iterations must equal the labeled-only fit.
        var (data, _, _) = IrisData.PartlyLabeled(_ml, 5);
        var toKey = _ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue);
        var keyed = toKey.Fit(data).Transform(data);
        var labeledOnly = _ml.Data.FilterRowsByMissingValues(keyed, "Label");
        Assert.Equal(135, keyed.GetColumn<uint>("Label").Count(k => k == 0));
        Assert.Equal(15, labeledOnly.GetColumn<uint>("Label").Count());
        var trainer = () => _ml.MulticlassClassification.Trainers.OneVersusAll(_ml.BinaryClassification.Trainers.LbfgsLogisticRegression());

        var onAllRows = IrisData.Scores(trainer().Fit(keyed), keyed);
        var onLabeledRows = IrisData.Scores(trainer().Fit(labeledOnly), keyed);
        var selfTrained = IrisData.Scores(_ml.SemiSupervised.SelfTraining(trainer(), new SelfTrainingOptions { MaximumNumberOfIterations = 0 }).Fit(keyed), keyed);

        Assert.NotEqual(onLabeledRows, onAllRows);
        Assert.Equal(onLabeledRows, selfTrained);
    }

    [Fact]
    public void SelfTraining_BinaryTextLabel_IsRefused_ThroughMapValueToKeyTheFirstKeyValueIsFalse()
    {
        var text = DataViews.Load(_ml, new[]
        {
            new TextLabelRow { Label = "malignant", Features = new[] { 0f } },
            new TextLabelRow { Label = "benign", Features = new[] { 10f } },
            new TextLabelRow { Label = "", Features = new[] { 1f } },
            new TextLabelRow { Label = "benign", Features = new[] { 9f } },
            new TextLabelRow { Label = "malignant", Features = new[] { 1.5f } },
        }, 1);
        var options = new SelfTrainingOptions { Selection = new KBestSelection(1) };
        var selfTraining = _ml.SemiSupervised.SelfTraining(_ml.BinaryClassification.Trainers.LbfgsLogisticRegression(), options);

        Assert.Throws<ArgumentException>(() => selfTraining.Fit(text));
        var keyed = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(text).Transform(text);
        var result = selfTraining.FitWithReport(keyed);

        Assert.Equal(new[] { "malignant", "benign" }, result.Report.ClassNames);
        Assert.Equal(new[] { 0, 1, 0, 1, 0 }, result.Report.AssignedClass);
        Assert.Equal(new[] { false, true }, result.Model.Transform(keyed).GetColumn<bool>("PredictedLabel").Take(2));
    }

    [Fact]
    public void MapValueToKey_WhitespaceOnlyText_IsAKeyValue_SoTheLibraryReadsItAsUnlabeled()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new { Label = "a" }, new { Label = " " }, new { Label = "" }, new { Label = "\t" } });

        var keys = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data).GetColumn<uint>("Label").ToArray();

        Assert.Equal(new uint[] { 1, 2, 0, 3 }, keys);
    }

    [Fact]
    public void MulticlassEvaluator_ReadsASingleLabelAsTheClassNumber_AndRefusesDoubleBooleanText()
    {
        // Every row predicted key 1 (class number 0): Single labels 0 count as right, 1 and 3 as wrong.
        var scored = _ml.Data.LoadFromEnumerable(new[] { 0f, 0f, 1f, 3f }.Select(l => new MulticlassScored<float> { Label = l }).ToList());
        Assert.Equal(0.5, _ml.MulticlassClassification.Evaluate(scored).MicroAccuracy, 9);

        Assert.Contains("expected Single or Key, got Double", Assert.Throws<ArgumentOutOfRangeException>(() =>
            _ml.MulticlassClassification.Evaluate(_ml.Data.LoadFromEnumerable(new[] { new MulticlassScored<double> { Label = 0 } }))).Message);
        Assert.Contains("expected Single or Key, got Boolean", Assert.Throws<ArgumentOutOfRangeException>(() =>
            _ml.MulticlassClassification.Evaluate(_ml.Data.LoadFromEnumerable(new[] { new MulticlassScored<bool> { Label = false } }))).Message);
        Assert.Contains("expected Single or Key, got String", Assert.Throws<ArgumentOutOfRangeException>(() =>
            _ml.MulticlassClassification.Evaluate(_ml.Data.LoadFromEnumerable(new[] { new MulticlassScored<string> { Label = "a" } }))).Message);
    }

    [Fact]
    public void BinaryEvaluator_ReadsANumberAbove0AsTrue_TheFirstKeyValueAsFalse_AndRefusesText()
    {
        // Every row predicted true: the evaluator's accuracy is the fraction of labels it reads as true.
        var numbers = _ml.Data.LoadFromEnumerable(new[] { -1f, 0f, 0.5f, 2f, float.NaN }.Select(l => new BinaryScored<float> { Label = l }).ToList());
        var keys = _ml.Data.LoadFromEnumerable(new uint[] { 0, 0, 0, 1 }.Select(k => new BinaryKeyScored { Label = k }).ToList());

        Assert.Equal(0.5, _ml.BinaryClassification.Evaluate(numbers).Accuracy, 9); // -1, 0 false; 0.5, 2 true; NaN skipped
        Assert.Equal(0.25, _ml.BinaryClassification.Evaluate(keys).Accuracy, 9); // key value 1 false, 2 true
        Assert.Contains("expected Single, Double, Boolean, or a Key with cardinality 2, got String", Assert.Throws<ArgumentOutOfRangeException>(() =>
            _ml.BinaryClassification.Evaluate(_ml.Data.LoadFromEnumerable(new[] { new BinaryScored<string> { Label = "a" } }))).Message);
    }

    private sealed class MulticlassScored<T>
    {
        public T Label { get; set; } = default!;

        [VectorType(4)]
        public float[] Score { get; set; } = { 0.7f, 0.1f, 0.1f, 0.1f };

        [KeyType(4)]
        public uint PredictedLabel { get; set; }
    }

    private sealed class BinaryScored<T>
    {
        public T Label { get; set; } = default!;

        public float Score { get; set; } = 1;

        public float Probability { get; set; } = 0.9f;

        public bool PredictedLabel { get; set; } = true;
    }

    private sealed class BinaryKeyScored
    {
        [KeyType(2)]
        public uint Label { get; set; }

        public float Score { get; set; } = 1;

        public float Probability { get; set; } = 0.9f;

        public bool PredictedLabel { get; set; } = true;
    }

    private sealed class KeyRow
    {
        [KeyType(3)]
        public uint Label { get; set; }
    }
}
