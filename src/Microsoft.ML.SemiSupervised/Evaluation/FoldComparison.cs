using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Evaluation;

/// <summary>One cross-validation fold: both models' metrics on the fold's labeled test rows.</summary>
public sealed class FoldComparison
{
    internal FoldComparison(int fold, int trainingLabeledCount, int testCount, ScoredMetrics semiSupervised, ScoredMetrics supervised)
    {
        Fold = fold;
        TrainingLabeledCount = trainingLabeledCount;
        TestCount = testCount;
        SemiSupervisedAccuracy = semiSupervised.Accuracy;
        SupervisedAccuracy = supervised.Accuracy;
        SemiSupervisedBinaryMetrics = semiSupervised.Binary;
        SupervisedBinaryMetrics = supervised.Binary;
        SemiSupervisedMulticlassMetrics = semiSupervised.Multiclass;
        SupervisedMulticlassMetrics = supervised.Multiclass;
        SemiSupervisedOnlyCorrectCount = semiSupervised.Correct.Where((c, r) => c && !supervised.Correct[r]).Count();
        SupervisedOnlyCorrectCount = supervised.Correct.Where((c, r) => c && !semiSupervised.Correct[r]).Count();
    }

    /// <summary>The fold's number, from 0.</summary>
    public int Fold { get; }

    /// <summary>How many labeled rows both models trained on (the semi-supervised one also saw every unlabeled row).</summary>
    public int TrainingLabeledCount { get; }

    /// <summary>How many labeled rows the fold tested on.</summary>
    public int TestCount { get; }

    /// <summary>The semi-supervised model's accuracy (multiclass: micro-accuracy) on the fold.</summary>
    public double SemiSupervisedAccuracy { get; }

    /// <summary>The supervised baseline's accuracy (multiclass: micro-accuracy) on the fold.</summary>
    public double SupervisedAccuracy { get; }

    /// <summary>Semi-supervised minus supervised accuracy.</summary>
    public double Difference => SemiSupervisedAccuracy - SupervisedAccuracy;

    /// <summary>How many test rows the semi-supervised model got right and the baseline wrong.</summary>
    internal int SemiSupervisedOnlyCorrectCount { get; }

    /// <summary>How many test rows the baseline got right and the semi-supervised model wrong.</summary>
    internal int SupervisedOnlyCorrectCount { get; }

    /// <summary>ML.NET's binary metrics of the semi-supervised model; null for multiclass models.</summary>
    public BinaryClassificationMetrics? SemiSupervisedBinaryMetrics { get; }

    /// <summary>ML.NET's binary metrics of the supervised baseline; null for multiclass models.</summary>
    public BinaryClassificationMetrics? SupervisedBinaryMetrics { get; }

    /// <summary>ML.NET's multiclass metrics of the semi-supervised model; null for binary models.</summary>
    public MulticlassClassificationMetrics? SemiSupervisedMulticlassMetrics { get; }

    /// <summary>ML.NET's multiclass metrics of the supervised baseline; null for binary models.</summary>
    public MulticlassClassificationMetrics? SupervisedMulticlassMetrics { get; }
}
