using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Auto;
using Microsoft.ML.SemiSupervised.CoTraining;
using Microsoft.ML.SemiSupervised.Diagnostics;
using Microsoft.ML.SemiSupervised.Evaluation;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.Selection;
using Microsoft.ML.SemiSupervised.SelfTraining;
using Microsoft.ML.SemiSupervised.TriTraining;
using Xunit;

namespace Microsoft.ML.SemiSupervised.CSharp12Tests;

/// <summary>
/// Every catalog entry point, written as a C# 12 user writes it (<c>mlContext.GetSemiSupervisedCatalog().X(...)</c>):
/// that this file compiles at LangVersion 12 is half the proof, the fits on iris are the other half.
/// </summary>
public sealed class CatalogInCSharp12Tests
{
    public static TheoryData<string> EstimatorNames() => new()
    {
        "SelfTraining(multiclass)", "SelfTraining(multiclass, options)", "SelfTraining(multiclass factory)",
        "SelfTraining(binary)", "SelfTraining(binary, options)", "SelfTraining(binary factory)",
        "LabelSpreading()", "LabelSpreading(options)", "LabelPropagation()", "LabelPropagation(options)",
        "CoTraining(multiclass)", "CoTraining(multiclass, options)", "CoTraining(multiclass factories)",
        "CoTraining(binary)", "CoTraining(binary, options)", "CoTraining(binary factories)",
        "TriTraining(multiclass)", "TriTraining(multiclass, options)", "TriTraining(three multiclass, options)",
        "TriTraining(multiclass factory)", "TriTraining(binary)", "TriTraining(binary, options)",
        "TriTraining(three binary, options)", "TriTraining(binary factory)",
        "Auto(multiclass factory)", "Auto(binary factory)",
    };

    [Fact]
    public void Runtime_IsDotNet8_FromTheSelfContainedBuild()
    {
        // No .NET 8 runtime is installed on the build machines: this is the one restored from NuGet into the output.
        Assert.Equal(8, Environment.Version.Major);
        Assert.StartsWith(AppContext.BaseDirectory.TrimEnd('/', '\\'), typeof(object).Assembly.Location);
    }

    [Theory]
    [MemberData(nameof(EstimatorNames))]
    public void Fit_EveryEstimatorEntryPoint_AddsItsOutputColumns(string name)
    {
        var ml = new MLContext(seed: 1);
        bool binary = name.Contains("binary");
        IDataView data = binary ? IrisRows.PartlyLabeledBinary(ml) : IrisRows.PartlyLabeled(ml);
        IEstimator<ITransformer> pipeline = binary
            ? Estimator(name, ml)
            : ml.Transforms.Conversion.MapValueToKey("Label").Append(Estimator(name, ml));

        IDataView output = pipeline.Fit(data).Transform(data);

        Assert.Equal(IrisRows.All.Count, output.Preview(maxRows: 1000).RowView.Length);
        Assert.True(output.Schema.Count > data.Schema.Count,
            $"{name} added no column: {string.Join(", ", output.Schema.Select(c => c.Name))}");
    }

    [Fact]
    public void SelfTraining_InCSharp12Form_ScoresAtLeastTheSupervisedBaselineOnIris()
    {
        var ml = new MLContext(seed: 1);
        var data = IrisRows.PartlyLabeled(ml);
        var everyLabel = IrisRows.FullyLabeled(ml);
        var selfTraining = ml.GetSemiSupervisedCatalog().SelfTraining(
            ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(),
            new SelfTrainingOptions { Selection = new ClassBalancedSelection() });
        var semiSupervised = ml.Transforms.Conversion.MapValueToKey("Label").Append(selfTraining).Fit(data);
        var supervised = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
            .Fit(ml.Data.FilterRowsByMissingValues(data, "Label"));

        double semiAccuracy = ml.MulticlassClassification.Evaluate(semiSupervised.Transform(everyLabel)).MicroAccuracy;
        double baselineAccuracy = ml.MulticlassClassification.Evaluate(supervised.Transform(everyLabel)).MicroAccuracy;

        // 15 labeled rows of 150; the same trainer on those rows alone is the baseline (a margin of 2 rows of 150).
        Assert.True(semiAccuracy >= baselineAccuracy - 2.0 / 150,
            $"self-training {semiAccuracy:F3} against the supervised baseline {baselineAccuracy:F3}");
    }

    [Fact]
    public void CheckDistributionShift_InCSharp12Form_ReportsTheRowCounts()
    {
        var ml = new MLContext(seed: 1);
        var data = IrisRows.PartlyLabeled(ml);
        var catalog = ml.GetSemiSupervisedCatalog();

        var report = catalog.CheckDistributionShift(data);
        var reportWithOptions = catalog.CheckDistributionShift(data, new DistributionShiftOptions { Seed = 1 });

        int labeled = 3 * IrisRows.LabeledPerClass;
        Assert.Equal((labeled, IrisRows.All.Count - labeled), (report.LabeledCount, report.UnlabeledCount));
        Assert.Equal((labeled, IrisRows.All.Count - labeled), (reportWithOptions.LabeledCount, reportWithOptions.UnlabeledCount));
    }

    [Fact]
    public void CompareWithSupervised_InCSharp12Form_ComparesWithTheSupervisedBaseline()
    {
        var ml = new MLContext(seed: 1);
        var data = IrisRows.PartlyLabeled(ml);
        var catalog = ml.GetSemiSupervisedCatalog();
        var semiSupervised = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(catalog.SelfTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()));
        var supervised = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy());
        var options = new SemiSupervisedEvaluationOptions { NumberOfFolds = 2, Seed = 1 };

        var evaluation = catalog.CompareWithSupervised(data, semiSupervised, supervised, options);
        var curve = catalog.CompareLearningCurves(data, semiSupervised, supervised, [0.5, 1.0], options: options);

        Assert.Equal(evaluation.SemiSupervisedAccuracy - evaluation.SupervisedAccuracy, evaluation.Difference, 9);
        Assert.Equal([0.5, 1.0], curve.Select(p => p.LabeledFraction));
    }

    private static IEstimator<ITransformer> Estimator(string name, MLContext ml)
    {
        var catalog = ml.GetSemiSupervisedCatalog();
        var multiclass = ml.MulticlassClassification.Trainers;
        var binary = ml.BinaryClassification.Trainers;
        var coTraining = new CoTrainingOptions { FeatureColumnName = "FirstView", SecondViewColumnName = "SecondView", MaximumNumberOfIterations = 3 };
        return name switch
        {
            "SelfTraining(multiclass)" => catalog.SelfTraining(multiclass.LbfgsMaximumEntropy()),
            "SelfTraining(multiclass, options)" => catalog.SelfTraining(multiclass.LbfgsMaximumEntropy(), new SelfTrainingOptions { MaximumNumberOfIterations = 3 }),
            "SelfTraining(multiclass factory)" => catalog.SelfTraining(() => multiclass.LbfgsMaximumEntropy()),
            "SelfTraining(binary)" => catalog.SelfTraining(binary.LbfgsLogisticRegression()),
            "SelfTraining(binary, options)" => catalog.SelfTraining(binary.LbfgsLogisticRegression(), new SelfTrainingOptions { MaximumNumberOfIterations = 3 }),
            "SelfTraining(binary factory)" => catalog.SelfTraining(() => binary.LbfgsLogisticRegression()),
            "LabelSpreading()" => catalog.LabelSpreading(),
            "LabelSpreading(options)" => catalog.LabelSpreading(new LabelSpreadingOptions { NumberOfNeighbors = 5 }),
            "LabelPropagation()" => catalog.LabelPropagation(),
            "LabelPropagation(options)" => catalog.LabelPropagation(new LabelPropagationOptions { NumberOfNeighbors = 5 }),
            "CoTraining(multiclass)" => catalog.CoTraining(multiclass.LbfgsMaximumEntropy(featureColumnName: "FirstView"), multiclass.LbfgsMaximumEntropy(featureColumnName: "SecondView"),
                featureColumnName: "FirstView", secondViewColumnName: "SecondView", maximumNumberOfIterations: 3),
            "CoTraining(multiclass, options)" => catalog.CoTraining(multiclass.LbfgsMaximumEntropy(featureColumnName: "FirstView"), multiclass.LbfgsMaximumEntropy(featureColumnName: "SecondView"), coTraining),
            "CoTraining(multiclass factories)" => catalog.CoTraining(() => multiclass.LbfgsMaximumEntropy(featureColumnName: "FirstView"), () => multiclass.LbfgsMaximumEntropy(featureColumnName: "SecondView"), coTraining),
            "CoTraining(binary)" => catalog.CoTraining(binary.LbfgsLogisticRegression(featureColumnName: "FirstView"), binary.LbfgsLogisticRegression(featureColumnName: "SecondView"),
                featureColumnName: "FirstView", secondViewColumnName: "SecondView", maximumNumberOfIterations: 3),
            "CoTraining(binary, options)" => catalog.CoTraining(binary.LbfgsLogisticRegression(featureColumnName: "FirstView"), binary.LbfgsLogisticRegression(featureColumnName: "SecondView"), coTraining),
            "CoTraining(binary factories)" => catalog.CoTraining(() => binary.LbfgsLogisticRegression(featureColumnName: "FirstView"), () => binary.LbfgsLogisticRegression(featureColumnName: "SecondView"), coTraining),
            "TriTraining(multiclass)" => catalog.TriTraining(multiclass.LbfgsMaximumEntropy(), maximumNumberOfIterations: 3),
            "TriTraining(multiclass, options)" => catalog.TriTraining(multiclass.LbfgsMaximumEntropy(), new TriTrainingOptions { MaximumNumberOfIterations = 3 }),
            "TriTraining(three multiclass, options)" => catalog.TriTraining(multiclass.LbfgsMaximumEntropy(), multiclass.LbfgsMaximumEntropy(l2Regularization: 0.1f),
                multiclass.LbfgsMaximumEntropy(l2Regularization: 10f), new TriTrainingOptions { MaximumNumberOfIterations = 3 }),
            "TriTraining(multiclass factory)" => catalog.TriTraining(() => multiclass.LbfgsMaximumEntropy(), new TriTrainingOptions { MaximumNumberOfIterations = 3 }),
            "TriTraining(binary)" => catalog.TriTraining(binary.LbfgsLogisticRegression(), maximumNumberOfIterations: 3),
            "TriTraining(binary, options)" => catalog.TriTraining(binary.LbfgsLogisticRegression(), new TriTrainingOptions { MaximumNumberOfIterations = 3 }),
            "TriTraining(three binary, options)" => catalog.TriTraining(binary.LbfgsLogisticRegression(), binary.LbfgsLogisticRegression(l2Regularization: 0.1f),
                binary.LbfgsLogisticRegression(l2Regularization: 10f), new TriTrainingOptions { MaximumNumberOfIterations = 3 }),
            "TriTraining(binary factory)" => catalog.TriTraining(() => binary.LbfgsLogisticRegression(), new TriTrainingOptions { MaximumNumberOfIterations = 3 }),
            "Auto(multiclass factory)" => catalog.Auto(() => multiclass.LbfgsMaximumEntropy(), new AutoOptions { NumberOfRepeats = 1, MaximumNumberOfIterations = 2 }),
            "Auto(binary factory)" => catalog.Auto(() => binary.LbfgsLogisticRegression(), new AutoOptions { NumberOfRepeats = 1, MaximumNumberOfIterations = 2 }),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such entry point in this test."),
        };
    }
}
