namespace Microsoft.ML.SemiSupervised.TriTraining;

/// <summary>What one tri-training round did for each of the three models.</summary>
public sealed class TriTrainingIteration
{
    internal TriTrainingIteration(int round, int[][] addedPerModelAndClass, double[] errorEstimates, double[] agreementRates, bool[] updated)
    {
        Iteration = round;
        AddedPerModelAndClass = addedPerModelAndClass;
        ErrorEstimates = errorEstimates;
        AgreementRates = agreementRates;
        Updated = updated;
    }

    /// <summary>The iteration's (round's) number, from 1.</summary>
    public int Iteration { get; }

    /// <summary>
    /// For each model (0 to 2), how many unlabeled rows of each class it was retrained with because the other two agreed
    /// on them; all zeros for a model the round did not update. Rows are given anew each round (Zhou and Li): a model's
    /// rows of an earlier round are replaced, not kept.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int>> AddedPerModelAndClass { get; }

    /// <summary>For each model, the error rate of the other two on the labeled rows where they agree (the paper's e_i).</summary>
    public IReadOnlyList<double> ErrorEstimates { get; }

    /// <summary>For each model, the fraction of the unlabeled rows on which the other two agree.</summary>
    public IReadOnlyList<double> AgreementRates { get; }

    /// <summary>For each model, whether the round retrained it.</summary>
    public IReadOnlyList<bool> Updated { get; }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"round {Iteration}: ") + string.Join("; ", Enumerable.Range(0, 3).Select(i =>
        FormattableString.Invariant($"model {i + 1} {(Updated[i] ? "updated" : "kept")} with {AddedPerModelAndClass[i].Sum()} rows [{string.Join(", ", AddedPerModelAndClass[i])}], error {ErrorEstimates[i]:F3}, agreement {AgreementRates[i]:F3}")));
}
