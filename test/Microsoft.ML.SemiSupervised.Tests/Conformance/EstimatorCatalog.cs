using Microsoft.ML.SemiSupervised.Auto;
using Microsoft.ML.SemiSupervised.CoTraining;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.SelfTraining;
using Microsoft.ML.SemiSupervised.TriTraining;
using K = Microsoft.ML.SemiSupervised.Tests.Conformance.ConformanceLabelKind;

namespace Microsoft.ML.SemiSupervised.Tests.Conformance;

/// <summary>
/// Every entry point of <see cref="SemiSupervisedCatalog"/> that returns an estimator, in one list: the conformance
/// suite runs each check over all of them, and <see cref="EstimatorCatalogTests"/> fails when a catalog method has
/// no case here. The theory lists over these cases are in EstimatorCatalogTheories.cs, which the neural test project
/// links beside its own list of cases, so that the same conformance tests run over the neural estimators.
/// </summary>
/// <remarks>
/// Inner trainers are the L-BFGS ones (deterministic, fast on tiny data); iterations are capped at 3 to keep the
/// suite fast. A new entry point needs one case here, with the label kinds its documentation accepts. The trainer-based
/// estimators refuse text labels (ML.NET's evaluators cannot read them as the model does: MapValueToKey first).
/// </remarks>
public static partial class EstimatorCatalog
{
    private const int Iterations = 3;

    /// <summary>Every case.</summary>
    public static IReadOnlyList<ConformanceCase> All { get; } =
    [
        new("SelfTraining", ConformanceTask.Binary, [K.Single, K.Double, K.Boolean, K.Key],
            s => new SelfTrainingOptions { LabelColumnName = s.LabelColumnName, FeatureColumnName = s.FeatureColumnName, Seed = s.Seed, MaximumNumberOfIterations = Iterations },
            (ml, o) => SelfTrainingBinary(ml, (SelfTrainingOptions)o)),
        new("SelfTraining", ConformanceTask.Multiclass, [K.Single, K.Double, K.Boolean, K.Key],
            s => new SelfTrainingOptions { LabelColumnName = s.LabelColumnName, FeatureColumnName = s.FeatureColumnName, Seed = s.Seed, MaximumNumberOfIterations = Iterations },
            (ml, o) => SelfTrainingMulticlass(ml, (SelfTrainingOptions)o)),
        new("LabelSpreading", ConformanceTask.GraphLabeling, [K.Single, K.Double, K.Key, K.Text],
            s => new LabelSpreadingOptions { LabelColumnName = s.LabelColumnName, FeatureColumnName = s.FeatureColumnName, Seed = s.Seed, NumberOfNeighbors = 3 },
            (ml, o) => ml.SemiSupervised.LabelSpreading((LabelSpreadingOptions)o), typeof(LabelPropagationReport)),
        new("LabelPropagation", ConformanceTask.GraphLabeling, [K.Single, K.Double, K.Key, K.Text],
            s => new LabelPropagationOptions { LabelColumnName = s.LabelColumnName, FeatureColumnName = s.FeatureColumnName, Seed = s.Seed, NumberOfNeighbors = 3 },
            (ml, o) => ml.SemiSupervised.LabelPropagation((LabelPropagationOptions)o), typeof(LabelPropagationReport)),
        new("CoTraining", ConformanceTask.Binary, [K.Single, K.Double, K.Boolean, K.Key],
            s => new CoTrainingOptions { LabelColumnName = s.LabelColumnName, FeatureColumnName = s.FeatureColumnName, Seed = s.Seed, MaximumNumberOfIterations = Iterations },
            (ml, o) => CoTrainingBinary(ml, (CoTrainingOptions)o), typeof(CoTrainingReport)),
        new("CoTraining", ConformanceTask.Multiclass, [K.Single, K.Double, K.Boolean, K.Key],
            s => new CoTrainingOptions { LabelColumnName = s.LabelColumnName, FeatureColumnName = s.FeatureColumnName, Seed = s.Seed, MaximumNumberOfIterations = Iterations },
            (ml, o) => CoTrainingMulticlass(ml, (CoTrainingOptions)o), typeof(CoTrainingReport)),
        new("TriTraining", ConformanceTask.Binary, [K.Single, K.Double, K.Boolean, K.Key],
            s => new TriTrainingOptions { LabelColumnName = s.LabelColumnName, FeatureColumnName = s.FeatureColumnName, Seed = s.Seed, MaximumNumberOfIterations = Iterations },
            (ml, o) => TriTrainingBinary(ml, (TriTrainingOptions)o), typeof(TriTrainingReport)),
        new("TriTraining", ConformanceTask.Multiclass, [K.Single, K.Double, K.Boolean, K.Key],
            s => new TriTrainingOptions { LabelColumnName = s.LabelColumnName, FeatureColumnName = s.FeatureColumnName, Seed = s.Seed, MaximumNumberOfIterations = Iterations },
            (ml, o) => TriTrainingMulticlass(ml, (TriTrainingOptions)o), typeof(TriTrainingReport)),
        new("Auto", ConformanceTask.Binary, [K.Single, K.Double, K.Boolean, K.Key],
            s => new AutoOptions { LabelColumnName = s.LabelColumnName, FeatureColumnName = s.FeatureColumnName, Seed = s.Seed, MaximumNumberOfIterations = Iterations, NumberOfRepeats = 1 },
            (ml, o) => AutoBinary(ml, (AutoOptions)o), typeof(AutoReport)),
        new("Auto", ConformanceTask.Multiclass, [K.Single, K.Double, K.Boolean, K.Key],
            s => new AutoOptions { LabelColumnName = s.LabelColumnName, FeatureColumnName = s.FeatureColumnName, Seed = s.Seed, MaximumNumberOfIterations = Iterations, NumberOfRepeats = 1 },
            (ml, o) => AutoMulticlass(ml, (AutoOptions)o), typeof(AutoReport)),
    ];

    /// <summary>A changed value for an option type only some project's cases have (ConformanceModelTests.ChangeEveryOption): none here.</summary>
    public static object? ChangedOptionValue(Type optionType) => null;

    private static IEstimator<ITransformer> SelfTrainingBinary(MLContext ml, SelfTrainingOptions o) => ml.SemiSupervised.SelfTraining(
        ml.BinaryClassification.Trainers.LbfgsLogisticRegression(labelColumnName: o.LabelColumnName, featureColumnName: o.FeatureColumnName), o);

    private static IEstimator<ITransformer> SelfTrainingMulticlass(MLContext ml, SelfTrainingOptions o) => ml.SemiSupervised.SelfTraining(
        ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(labelColumnName: o.LabelColumnName, featureColumnName: o.FeatureColumnName), o);

    private static IEstimator<ITransformer> CoTrainingBinary(MLContext ml, CoTrainingOptions o) => ml.SemiSupervised.CoTraining(
        ml.BinaryClassification.Trainers.LbfgsLogisticRegression(labelColumnName: o.LabelColumnName, featureColumnName: o.FeatureColumnName),
        ml.BinaryClassification.Trainers.LbfgsLogisticRegression(labelColumnName: o.LabelColumnName, featureColumnName: o.FeatureColumnName), o);

    private static IEstimator<ITransformer> CoTrainingMulticlass(MLContext ml, CoTrainingOptions o) => ml.SemiSupervised.CoTraining(
        ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(labelColumnName: o.LabelColumnName, featureColumnName: o.FeatureColumnName),
        ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(labelColumnName: o.LabelColumnName, featureColumnName: o.FeatureColumnName), o);

    private static IEstimator<ITransformer> TriTrainingBinary(MLContext ml, TriTrainingOptions o) => ml.SemiSupervised.TriTraining(
        ml.BinaryClassification.Trainers.LbfgsLogisticRegression(labelColumnName: o.LabelColumnName, featureColumnName: o.FeatureColumnName), o);

    private static IEstimator<ITransformer> TriTrainingMulticlass(MLContext ml, TriTrainingOptions o) => ml.SemiSupervised.TriTraining(
        ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(labelColumnName: o.LabelColumnName, featureColumnName: o.FeatureColumnName), o);

    // Auto takes a factory: it reads the column names now, as a user's lambda over constants would.
    private static IEstimator<ITransformer> AutoBinary(MLContext ml, AutoOptions o)
    {
        string label = o.LabelColumnName, feature = o.FeatureColumnName;
        return ml.SemiSupervised.Auto(() => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(labelColumnName: label, featureColumnName: feature), o);
    }

    private static IEstimator<ITransformer> AutoMulticlass(MLContext ml, AutoOptions o)
    {
        string label = o.LabelColumnName, feature = o.FeatureColumnName;
        return ml.SemiSupervised.Auto(() => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(labelColumnName: label, featureColumnName: feature), o);
    }
}
