using Microsoft.ML.Data;
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
    public void SelfTraining_BinaryTextLabel_SecondValueInOrdinalOrderIsTrue()
    {
        var data = DataViews.Load(_ml, new[]
        {
            new TextLabelRow { Label = "malignant", Features = new[] { 0f } },
            new TextLabelRow { Label = "benign", Features = new[] { 10f } },
            new TextLabelRow { Label = "", Features = new[] { 1f } },
            new TextLabelRow { Label = "benign", Features = new[] { 9f } },
            new TextLabelRow { Label = "malignant", Features = new[] { 1.5f } },
        }, 1);

        var options = new SelfTrainingOptions { Criterion = SelfTrainingCriterion.KBest, KBest = 1 };
        var result = _ml.SemiSupervised.SelfTraining(_ml.BinaryClassification.Trainers.LbfgsLogisticRegression(), options).FitWithReport(data);

        Assert.Equal(new[] { "benign", "malignant" }, result.Report.ClassNames);
        Assert.Equal(new[] { 1, 0, 1, 0, 1 }, result.Report.AssignedClass);
        Assert.Equal(new[] { true, false }, result.Model.Transform(data).GetColumn<bool>("PredictedLabel").Take(2));
    }

    private sealed class KeyRow
    {
        [KeyType(3)]
        public uint Label { get; set; }
    }
}
