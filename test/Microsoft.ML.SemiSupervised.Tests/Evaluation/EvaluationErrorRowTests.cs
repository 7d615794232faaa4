using Microsoft.ML.SemiSupervised.Evaluation;
using Microsoft.ML.SemiSupervised.SelfTraining;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.Evaluation;

/// <summary>Errors raised inside Evaluate's folds name the row of the data the user gave, not the fold's.</summary>
public sealed class EvaluationErrorRowTests
{
    // Iris is in class order, 5 labeled rows per class (rows 0-4, 50-54, 100-104): every fold and the learning
    // curve's test set hold labeled rows before row 120, so a fold's own row number for it is smaller than 120.
    private const int NaNRow = 120;

    private static IDataView IrisWithNaN(MLContext ml)
    {
        var data = CsvDataSet.Load("iris");
        var seen = new int[data.ClassCount];
        var rows = data.Features.Select((f, i) => new FloatLabelRow
        {
            Features = i == NaNRow ? [f[0], f[1], float.NaN, f[3]] : f,
            Label = seen[data.Labels[i]]++ < 5 ? data.Labels[i] : float.NaN,
        });
        return DataViews.Load(ml, rows, data.Dimension);
    }

    private static (IEstimator<ITransformer> Semi, IEstimator<ITransformer> Supervised) Pipelines(MLContext ml)
    {
        var toKey = ml.Transforms.Conversion.MapValueToKey("Label");
        return (toKey.Append(ml.SemiSupervised.SelfTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), new SelfTrainingOptions())),
            toKey.Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()));
    }

    [Fact]
    public void CompareWithSupervised_NaNFeatureInAnUnlabeledRow_ErrorNamesTheUsersRow()
    {
        var ml = new MLContext(1);
        var (semi, supervised) = Pipelines(ml);

        var e = Assert.Throws<ArgumentException>(() => ml.SemiSupervised.CompareWithSupervised(IrisWithNaN(ml), semi, supervised, new SemiSupervisedEvaluationOptions { Seed = 1 }));

        Assert.StartsWith($"Feature column 'Features' holds NaN in row {NaNRow} (slot 2). ", e.Message);
        Assert.EndsWith("(CompareWithSupervised, fold 0, fitting the semi-supervised estimator; the row is counted in the data given to CompareWithSupervised, from 0.)", e.Message);
    }

    [Fact]
    public void CompareLearningCurves_NaNFeatureInAnUnlabeledRow_ErrorNamesTheUsersRow()
    {
        var ml = new MLContext(1);
        var (semi, supervised) = Pipelines(ml);

        var e = Assert.Throws<ArgumentException>(() => ml.SemiSupervised.CompareLearningCurves(IrisWithNaN(ml), semi, supervised, [0.5, 1.0],
            options: new SemiSupervisedEvaluationOptions { Seed = 1 }));

        Assert.StartsWith($"Feature column 'Features' holds NaN in row {NaNRow} (slot 2). ", e.Message);
        Assert.EndsWith("(CompareLearningCurves, 50 % labeled, fitting the semi-supervised estimator; the row is counted in the data given to CompareLearningCurves, from 0.)", e.Message);
    }
}
