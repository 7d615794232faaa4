namespace Microsoft.ML.SemiSupervised.SelfTraining;

/// <summary>What one self-training iteration did: the rows it pseudo-labeled and the state after it.</summary>
public sealed class SelfTrainingIteration
{
    internal SelfTrainingIteration(int iteration, int[] addedPerClass, double meanConfidence, int labeledCount, double? holdOutAccuracy)
    {
        Iteration = iteration;
        AddedPerClass = addedPerClass;
        MeanConfidence = meanConfidence;
        LabeledCount = labeledCount;
        HoldOutAccuracy = holdOutAccuracy;
    }

    /// <summary>The iteration's number, from 1.</summary>
    public int Iteration { get; }

    /// <summary>
    /// How many rows of each class received a pseudo-label, indexed like
    /// <see cref="SelfTrainingReport.ClassNames"/>.
    /// </summary>
    public IReadOnlyList<int> AddedPerClass { get; }

    /// <summary>How many rows received a pseudo-label in this iteration.</summary>
    public int Added => AddedPerClass.Sum();

    /// <summary>The mean confidence of the rows added, or NaN when none was added.</summary>
    public double MeanConfidence { get; }

    /// <summary>How many rows carry a label (original or pseudo) after this iteration.</summary>
    public int LabeledCount { get; }

    /// <summary>
    /// The accuracy on the held-out labeled rows of the model this iteration scored with, or null when
    /// no rows are held out (<see cref="SelfTrainingOptions.HoldOutFraction"/> is 0).
    /// </summary>
    public double? HoldOutAccuracy { get; }

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"iteration {Iteration}: added {Added} [{string.Join(", ", AddedPerClass)}], mean confidence {MeanConfidence:F3}, labeled {LabeledCount}") +
        (HoldOutAccuracy is { } a ? FormattableString.Invariant($", hold-out accuracy {a:F4}") : "");
}
