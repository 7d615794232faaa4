namespace Microsoft.ML.SemiSupervised.CoTraining;

/// <summary>What one co-training round did: the rows each view's model labeled, per class, and how often the views agreed.</summary>
public sealed class CoTrainingIteration
{
    internal CoTrainingIteration(int round, int[][] addedPerViewAndClass, double agreementRate, int poolCount, int labeledCount)
    {
        Iteration = round;
        AddedPerViewAndClass = addedPerViewAndClass;
        AgreementRate = agreementRate;
        PoolCount = poolCount;
        LabeledCount = labeledCount;
    }

    /// <summary>The iteration's (round's) number, from 1.</summary>
    public int Iteration { get; }

    /// <summary>
    /// How many rows each view's model labeled, per class: <c>AddedPerViewAndClass[view][class]</c>, the view 0 or 1,
    /// the class indexed like <see cref="CoTrainingReport.ClassNames"/>.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int>> AddedPerViewAndClass { get; }

    /// <summary>How many rows the round labeled, both views together.</summary>
    public int Added => AddedPerViewAndClass.Sum(v => v.Sum());

    /// <summary>The fraction of the pool rows on whose class the two views' models agreed before the round labeled any.</summary>
    public double AgreementRate { get; }

    /// <summary>How many unlabeled rows the pool held when the round scored it.</summary>
    public int PoolCount { get; }

    /// <summary>How many rows carry a label (original or from co-training) after this round.</summary>
    public int LabeledCount { get; }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant(
        $"round {Iteration}: added {Added} (view 1 [{string.Join(", ", AddedPerViewAndClass[0])}], view 2 [{string.Join(", ", AddedPerViewAndClass[1])}]), agreement {AgreementRate:F3} on {PoolCount} pool rows, labeled {LabeledCount}");
}
