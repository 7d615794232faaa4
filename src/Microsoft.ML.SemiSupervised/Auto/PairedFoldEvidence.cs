namespace Microsoft.ML.SemiSupervised.Auto;

/// <summary>
/// One candidate's paired evidence against the supervised trainer: on each cross-validation fold (repeat after repeat,
/// the same folds for both), the two accuracies and the test rows only one of the two got right.
/// </summary>
internal sealed class PairedFoldEvidence
{
    public PairedFoldEvidence(double[] candidateAccuracies, double[] supervisedAccuracies, (int CandidateOnly, int SupervisedOnly, int TestRows)[] foldCounts, int foldsPerRepeat)
    {
        if (candidateAccuracies.Length != supervisedAccuracies.Length || candidateAccuracies.Length != foldCounts.Length)
            throw new ArgumentException("Every fold needs both accuracies and its counts.", nameof(foldCounts));
        if (foldsPerRepeat < 2 || candidateAccuracies.Length % foldsPerRepeat != 0 || candidateAccuracies.Length == 0)
            throw new ArgumentException($"The folds ({candidateAccuracies.Length}) must be whole repeats of {foldsPerRepeat} folds.", nameof(foldsPerRepeat));
        CandidateAccuracies = candidateAccuracies;
        SupervisedAccuracies = supervisedAccuracies;
        FoldCounts = foldCounts;
        FoldsPerRepeat = foldsPerRepeat;
        Differences = candidateAccuracies.Select((c, i) => c - supervisedAccuracies[i]).ToArray();
    }

    public double[] CandidateAccuracies { get; }

    public double[] SupervisedAccuracies { get; }

    public (int CandidateOnly, int SupervisedOnly, int TestRows)[] FoldCounts { get; }

    public int FoldsPerRepeat { get; }

    /// <summary>Candidate minus supervised accuracy, fold by fold.</summary>
    public double[] Differences { get; }

    public int Repeats => Differences.Length / FoldsPerRepeat;

    /// <summary>The mean of the fold differences: the estimated gain.</summary>
    public double MeanDifference => Differences.Average();

    /// <summary>The mean difference of each repeat (each repeat tests every labeled row once).</summary>
    public double[] RepeatMeans => Enumerable.Range(0, Repeats).Select(r => Differences.Skip(r * FoldsPerRepeat).Take(FoldsPerRepeat).Average()).ToArray();

    /// <summary>The evidence of the first <paramref name="repeats"/> repeats.</summary>
    public PairedFoldEvidence FirstRepeats(int repeats)
    {
        int folds = repeats * FoldsPerRepeat;
        return new PairedFoldEvidence(CandidateAccuracies[..folds], SupervisedAccuracies[..folds], FoldCounts[..folds], FoldsPerRepeat);
    }
}
