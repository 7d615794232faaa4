using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Auto;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;

namespace Microsoft.ML.SemiSupervised.Tests.InnerTrainers;

/// <summary>
/// An inner trainer that throws from deep inside ML.NET: LightGbm (Microsoft.ML 5.0.1) throws ArgumentNullException
/// from RegressionTreeBase on moons at 1 % labels, seed 1 (2 labels per class, the split of the selftraining-defaults
/// and auto-table runners: a tree without a split), already on the labeled rows alone. Our estimators rethrow it as an
/// InvalidOperationException that names the trainer, the rows, the classes, the label column and the fix, with the
/// original as InnerException; Auto skips a candidate whose trainer throws, with that reason (issue 11).
/// </summary>
public sealed class InnerTrainerFailureTests
{
    private const string Fix = "With few labeled rows some trainers cannot fit at all (a tree trainer may find no split); label more rows, " +
        "or set the trainer's options for small data (for a tree trainer, a smaller minimum number of rows per leaf, such as minimumExampleCountPerLeaf).";

    [Fact]
    public void Fit_SelfTrainingWithLightGbmOnFourLabeledMoons_ThrowsNamingTheTrainerRowsClassesAndFix()
    {
        var (ml, train) = FourLabeledMoons();

        var e = Assert.Throws<InvalidOperationException>(() => ml.SemiSupervised.SelfTraining(LightGbm(ml)).Fit(train));

        Assert.Equal("The inner trainer LightGbmBinaryTrainer failed to fit on 4 rows of 2 classes (label column 'Label'): ArgumentNullException: "
            + InnerMessage(e) + " " + Fix, e.Message);
        Assert.IsType<ArgumentNullException>(e.InnerException);
    }

    [Fact]
    public void Fit_AutoWhoseSupervisedTrainerFails_ThrowsNamingTheTrainerRowsClassesAndFix()
    {
        var (ml, train) = FourLabeledMoons();

        var e = Assert.Throws<InvalidOperationException>(() => ml.SemiSupervised.Auto(() => LightGbm(ml), new AutoOptions { Seed = 1 }).Fit(train));

        Assert.Equal("The inner trainer LightGbmBinaryTrainer failed to fit on 2 rows of 2 classes (label column 'Label'): ArgumentNullException: "
            + InnerMessage(e) + " " + Fix, e.Message);
        Assert.IsType<ArgumentNullException>(e.InnerException);
    }

    [Fact]
    public void CompareWithSupervised_SupervisedLightGbmFails_ThrowsNamingTheEstimatorRowsClassesAndFix()
    {
        var (ml, train) = FourLabeledMoons();
        var supervised = ml.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Boolean).Append(LightGbm(ml));

        var e = Assert.Throws<InvalidOperationException>(() => ml.SemiSupervised.CompareWithSupervised(train, ml.SemiSupervised.LabelSpreading(), supervised));

        Assert.Equal("The supervised estimator EstimatorChain failed to fit on 2 rows of 2 classes (label column 'Label'): ArgumentNullException: "
            + InnerMessage(e) + " " + Fix, e.Message);
        Assert.IsType<ArgumentNullException>(e.InnerException);
    }

    [Fact]
    public void CompareWithSupervised_SupervisedPipelineNamesAMissingColumn_ThrowsMLNetsSchemaErrorUnwrapped()
    {
        var (ml, train) = FourLabeledMoons();
        var supervised = ml.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Boolean)
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(featureColumnName: "NoSuchColumn"));

        var e = Assert.ThrowsAny<ArgumentException>(() => ml.SemiSupervised.CompareWithSupervised(train, ml.SemiSupervised.LabelSpreading(), supervised));

        Assert.Contains("NoSuchColumn", e.Message);
        Assert.DoesNotContain("label more rows", e.Message);
    }

    [Fact]
    public void Fit_AutoWhoseCandidatesTrainerFails_SkipsThemWithTheReasonAndFitsTheSupervisedTrainer()
    {
        var ml = new MLContext(1);
        var data = GeneratedDataSets.Clusters(300, seed: 1);
        var (train, _, split) = Auto.AutoData.Split(ml, data, labeledFraction: 0.1, seed: 1);
        int labeled = split.LabeledCount;

        var model = ml.SemiSupervised.Auto(() => new FailingAboveRowsTrainer(ml, labeled), new AutoOptions { Seed = 1 }).Fit(train);

        Assert.True(model.Report.IsSupervised, model.Report.ToString());
        var spread = model.Report.Candidates.Single(c => c.Name == "LabelSpreadingThenTrainer");
        Assert.False(spread.WasEvaluated);
        Assert.StartsWith("its fit failed on fold 0: The inner trainer FailingAboveRowsTrainer failed to fit on ", spread.SkipReason);
        Assert.EndsWith(" (label column 'Label'): ArgumentNullException: Value cannot be null. (Parameter 'more rows than " + labeled + "') " + Fix, spread.SkipReason);
        Assert.All(model.Report.Candidates.Where(c => !c.WasEvaluated), c => Assert.Contains("The inner trainer FailingAboveRowsTrainer failed to fit on ", c.SkipReason));
    }

    private static string InnerMessage(Exception e) => e.InnerException!.Message;

    /// <summary>moons at 1 % labels, seed 1: 2 labeled rows of each class.</summary>
    private static (MLContext Ml, IDataView Train) FourLabeledMoons()
    {
        var data = CsvDataSet.Load("moons_seed", "TrueLabel", "Label");
        var split = SemiSupervisedSplit.Create(data, 0.01, seed: 1);
        Assert.Equal(4, split.LabeledCount);
        var ml = new MLContext(1);
        return (ml, DataViews.Train(ml, data, split));
    }

    private static LightGbmBinaryTrainer LightGbm(MLContext ml) =>
        ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options { MinimumExampleCountPerLeaf = 2, NumberOfThreads = 1 });

    /// <summary>Logistic regression that throws ArgumentNullException, as LightGbm does, when fitted on more rows than the labeled ones.</summary>
    internal sealed class FailingAboveRowsTrainer(MLContext ml, int mostRows)
        : ITrainerEstimator<BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>, CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>
    {
        private readonly LbfgsLogisticRegressionBinaryTrainer _inner = ml.BinaryClassification.Trainers.LbfgsLogisticRegression();

        public TrainerInfo Info => _inner.Info;

        public BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> Fit(IDataView input)
        {
            long rows = 0;
            using (var cursor = input.GetRowCursor([]))
            {
                while (cursor.MoveNext())
                    rows++;
            }
            return rows > mostRows ? throw new ArgumentNullException($"more rows than {mostRows}") : _inner.Fit(input);
        }

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _inner.GetOutputSchema(inputSchema);
    }
}
