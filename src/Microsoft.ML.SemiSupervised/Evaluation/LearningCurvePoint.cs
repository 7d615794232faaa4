namespace Microsoft.ML.SemiSupervised.Evaluation;

/// <summary>One point of a learning curve: both models trained with a fraction of the labels, tested on the same rows.</summary>
public sealed class LearningCurvePoint
{
    internal LearningCurvePoint(double labeledFraction, int labeledCount, double semiSupervisedAccuracy, double supervisedAccuracy)
    {
        LabeledFraction = labeledFraction;
        LabeledCount = labeledCount;
        SemiSupervisedAccuracy = semiSupervisedAccuracy;
        SupervisedAccuracy = supervisedAccuracy;
    }

    /// <summary>The fraction of the (non-test) labeled rows whose label was kept.</summary>
    public double LabeledFraction { get; }

    /// <summary>How many labeled rows both models trained on.</summary>
    public int LabeledCount { get; }

    /// <summary>The semi-supervised model's test accuracy (multiclass: micro-accuracy).</summary>
    public double SemiSupervisedAccuracy { get; }

    /// <summary>The supervised baseline's test accuracy (multiclass: micro-accuracy).</summary>
    public double SupervisedAccuracy { get; }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant(
        $"{LabeledFraction:P0} labeled ({LabeledCount} rows): semi-supervised {SemiSupervisedAccuracy:F3}, supervised {SupervisedAccuracy:F3}");
}
