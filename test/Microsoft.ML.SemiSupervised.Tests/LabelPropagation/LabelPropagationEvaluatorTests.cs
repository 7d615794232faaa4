using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Evaluation;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;
using Microsoft.ML.Trainers;

namespace Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

/// <summary>
/// Label spreading and propagation write ML.NET's multiclass outputs (PredictedLabel key, Score), so ML.NET's
/// evaluator and <see cref="SemiSupervisedCatalog.CompareWithSupervised"/> read them without a trainer appended.
/// </summary>
public sealed class LabelPropagationEvaluatorTests
{
    /// <summary>
    /// The label keyed before the estimator (by occurrence, so key order is not digit order): the evaluator reads the
    /// test rows through the same key mapping, and its accuracy is the share of rows whose predicted class name is the
    /// true digit.
    /// </summary>
    [Fact]
    public void MulticlassEvaluate_KeyLabelViaMapValueToKey_EqualsAccuracyByHand()
    {
        var ml = new MLContext(seed: 1);
        var digits = CsvDataSet.Load("digits");
        var split = SemiSupervisedSplit.Create(digits, 0.1, seed: 3);
        var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.SemiSupervised.LabelSpreading())
            .Fit(DataViews.Train(ml, digits, split));
        var scored = model.Transform(DataViews.Test(ml, digits, split));

        var metrics = ml.MulticlassClassification.Evaluate(scored);

        var classNames = model.LastTransformer.ClassNames;
        Assert.NotEqual(Enumerable.Range(0, 10).Select(Name), classNames); // key order is not digit order
        var truth = split.TestRows.Select(r => digits.Labels[r]).ToArray();
        var predicted = scored.GetColumn<uint>("PredictedLabel").ToArray();
        double byHand = (double)predicted.Zip(truth).Count(p => p.First > 0 && classNames[(int)p.First - 1] == Name(p.Second)) / truth.Length;
        Assert.Equal(byHand, metrics.MicroAccuracy, 12);
        double majority = (double)truth.GroupBy(t => t).Max(g => g.Count()) / truth.Length;
        Assert.True(byHand > majority + 0.5, $"accuracy {byHand:0.000} against the majority class's {majority:0.000}");
    }

    /// <summary>A Single label of classes 0..K-1: the evaluator reads the class number as the Score slot.</summary>
    [Fact]
    public void MulticlassEvaluate_SingleLabelOfClassesZeroToKMinusOne_EqualsAccuracyByHand()
    {
        var ml = new MLContext(seed: 1);
        var digits = CsvDataSet.Load("digits");
        var split = SemiSupervisedSplit.Create(digits, 0.1, seed: 4);
        var model = ml.SemiSupervised.LabelPropagation().Fit(DataViews.Train(ml, digits, split));
        var scored = model.Transform(DataViews.Test(ml, digits, split));

        var metrics = ml.MulticlassClassification.Evaluate(scored);

        var truth = split.TestRows.Select(r => (float)digits.Labels[r]).ToArray();
        var propagated = scored.GetColumn<float>("PropagatedLabel").ToArray();
        double byHand = (double)propagated.Zip(truth).Count(p => p.First == p.Second) / truth.Length;
        Assert.Equal(byHand, metrics.MicroAccuracy, 12);
        double majority = (double)truth.GroupBy(t => t).Max(g => g.Count()) / truth.Length;
        Assert.True(byHand > majority + 0.5, $"accuracy {byHand:0.000} against the majority class's {majority:0.000}");
    }

    /// <summary>PredictedLabel is a key whose key values are the class names; Score is in the same class order.</summary>
    [Fact]
    public void Transform_TextLabel_PredictedLabelKeyValuesAreTheClassNamesInScoreOrder()
    {
        var ml = new MLContext(seed: 1);
        var names = new[] { "virginica", "setosa", "versicolor" };
        var (data, _, _) = IrisData.PartlyLabeled(ml, labeledPerClass: 10);
        var rows = ml.Data.CreateEnumerable<FloatLabelRow>(data, reuseRowObject: false)
            .Select(r => new TextLabelRow { Features = r.Features, Label = float.IsNaN(r.Label) ? "" : names[(int)r.Label] });
        var text = DataViews.Load(ml, rows, 4);

        var model = ml.SemiSupervised.LabelSpreading().Fit(text);
        var scored = model.Transform(text);

        var column = scored.Schema["PredictedLabel"];
        Assert.Equal(new KeyDataViewType(typeof(uint), 3), column.Type);
        VBuffer<ReadOnlyMemory<char>> keyValues = default;
        column.GetKeyValues(ref keyValues);
        Assert.Equal(model.ClassNames, keyValues.DenseValues().Select(v => v.ToString()));
        Assert.Equal(names.Order(StringComparer.Ordinal), model.ClassNames);
        var keys = scored.GetColumn<uint>("PredictedLabel").ToArray();
        var propagated = scored.GetColumn<string>("PropagatedLabel").ToArray();
        var scores = scored.GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToArray();
        for (int i = 0; i < keys.Length; i++)
        {
            Assert.Equal(propagated[i], model.ClassNames[(int)keys[i] - 1]);
            Assert.Equal((int)keys[i] - 1, Array.IndexOf(scores[i], scores[i].Max()));
        }
    }

    /// <summary>
    /// A Single label of other classes than 0..K-1 is filled in as it is (PropagatedLabel), but ML.NET's evaluator
    /// would read it as other classes: Fit warns and names the fix. Classes 0..K-1 give no such warning.
    /// </summary>
    [Fact]
    public void Fit_SingleLabelNotZeroToKMinusOne_WarnsThatTheEvaluatorMisreadsIt()
    {
        var ml = new MLContext(seed: 1);
        var warnings = new List<string>();
        ml.Log += (_, e) => { if (e.Kind == Runtime.ChannelMessageKind.Warning) warnings.Add(e.Message); };
        var (data, _, _) = IrisData.PartlyLabeled(ml, labeledPerClass: 10);
        var shiftedData = ml.Data.LoadFromEnumerable(
            ml.Data.CreateEnumerable<FloatLabelRow>(data, reuseRowObject: false).Select(r => new FloatLabelRow { Features = r.Features, Label = r.Label + 1 }),
            IrisSchema());

        ml.SemiSupervised.LabelSpreading().Fit(data);
        Assert.DoesNotContain(warnings, w => w.Contains("reads a Single label as the class index", StringComparison.Ordinal));
        var model = ml.SemiSupervised.LabelSpreading().Fit(shiftedData);

        var warning = Assert.Single(warnings, w => w.Contains("reads a Single label as the class index", StringComparison.Ordinal));
        Assert.Contains("Label column 'Label' is Single with classes 1, 2, 3, not 0, 1, ..., 2:", warning);
        Assert.Contains("MapValueToKey(\"Label\")", warning);
        Assert.Equal(new[] { "1", "2", "3" }, model.ClassNames);
    }

    /// <summary>
    /// CompareWithSupervised takes label spreading as it is (it used to say "The model writes no PredictedLabel
    /// column"); each fold's accuracy is ML.NET's evaluator's on the same rows.
    /// </summary>
    [Fact]
    public void CompareWithSupervised_LabelSpreadingDirectly_FoldAccuracyIsTheEvaluatorsMicroAccuracy()
    {
        var ml = new MLContext(seed: 1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, labeledPerClass: 15);
        var supervised = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 1 }));

        var comparison = ml.SemiSupervised.CompareWithSupervised(data, ml.SemiSupervised.LabelSpreading(), supervised,
            new SemiSupervisedEvaluationOptions { NumberOfFolds = 3, MinimumTestRowsPerFold = 5 });

        Assert.Equal(3, comparison.Folds.Count);
        foreach (var fold in comparison.Folds)
            Assert.Equal(fold.SemiSupervisedAccuracy, fold.SemiSupervisedMulticlassMetrics!.MicroAccuracy, 12);
        Assert.True(comparison.SemiSupervisedAccuracy > 0.5, $"label spreading on iris: {comparison.SemiSupervisedAccuracy:0.000} (chance is 0.333)");
    }

    private static string Name(int digit) => digit.ToString(CultureInfo.InvariantCulture);

    private static SchemaDefinition IrisSchema()
    {
        var schema = SchemaDefinition.Create(typeof(FloatLabelRow));
        schema[nameof(FloatLabelRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 4);
        return schema;
    }
}
