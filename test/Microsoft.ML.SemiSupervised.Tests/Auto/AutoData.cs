using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.Auto;

/// <summary>The data and trainers the Auto tests share: seeded splits of the generated sets, and the supervised baseline measured in the same test.</summary>
internal static class AutoData
{
    /// <summary>A small FastTree: a tree learner needs many labels to find every blob of <see cref="GeneratedDataSets.Clusters"/>.</summary>
    public static Func<Trainers.ITrainerEstimator<BinaryPredictionTransformer<Calibrators.CalibratedModelParametersBase<Trainers.FastTree.FastTreeBinaryModelParameters, Calibrators.PlattCalibrator>>,
        Calibrators.CalibratedModelParametersBase<Trainers.FastTree.FastTreeBinaryModelParameters, Calibrators.PlattCalibrator>>> FastTree(MLContext ml) =>
        () => ml.BinaryClassification.Trainers.FastTree(numberOfLeaves: 8, numberOfTrees: 20, minimumExampleCountPerLeaf: 5);

    /// <summary>L-BFGS logistic regression: deterministic and fast.</summary>
    public static Func<Trainers.ITrainerEstimator<BinaryPredictionTransformer<Calibrators.CalibratedModelParametersBase<Trainers.LinearBinaryModelParameters, Calibrators.PlattCalibrator>>,
        Calibrators.CalibratedModelParametersBase<Trainers.LinearBinaryModelParameters, Calibrators.PlattCalibrator>>> Logistic(MLContext ml) =>
        () => ml.BinaryClassification.Trainers.LbfgsLogisticRegression();

    /// <summary>Every feature divided by its largest absolute value over the data set, as the auto-table runner does.</summary>
    public static CsvDataSet MaxAbsScaled(CsvDataSet data)
    {
        var scale = Enumerable.Range(0, data.Dimension).Select(j => data.Features.Max(f => Math.Abs(f[j]))).Select(m => m > 0 ? m : 1).ToArray();
        return CsvDataSet.FromRows(data.Name, data.Features.Select(f => f.Select((v, j) => v / scale[j]).ToArray()).ToArray(), data.Labels);
    }

    /// <summary>The training part (labels kept by the split, NaN elsewhere) and the test part of <paramref name="data"/>.</summary>
    public static (IDataView Train, IDataView Test, SemiSupervisedSplit Split) Split(MLContext ml, CsvDataSet data, double labeledFraction, int seed)
    {
        var split = SemiSupervisedSplit.Create(data, labeledFraction, seed);
        return (DataViews.Train(ml, data, split), DataViews.Test(ml, data, split), split);
    }

    /// <summary>The trainer alone on the labeled rows of the split, the label converted to Boolean as a user would.</summary>
    public static double SupervisedAccuracy(MLContext ml, IEstimator<ITransformer> trainer, CsvDataSet data, SemiSupervisedSplit split)
    {
        var model = ml.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Boolean).Append(trainer).Fit(DataViews.LabeledOnly(ml, data, split));
        return Accuracy.Of(model, DataViews.Test(ml, data, split), split.TestRows.Select(r => data.Labels[r]).ToArray());
    }

    /// <summary>The accuracy of <paramref name="model"/> on the test part.</summary>
    public static double TestAccuracy(MLContext ml, ITransformer model, CsvDataSet data, SemiSupervisedSplit split) =>
        Accuracy.Of(model, DataViews.Test(ml, data, split), split.TestRows.Select(r => data.Labels[r]).ToArray());
}
