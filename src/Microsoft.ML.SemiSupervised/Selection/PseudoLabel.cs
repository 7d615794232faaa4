namespace Microsoft.ML.SemiSupervised.Selection;

/// <summary>
/// One pseudo-label a <see cref="PseudoLabelSelection"/> gives: a candidate and the class it receives. Two are equal
/// when both their candidate and class are.
/// </summary>
public readonly record struct PseudoLabel
{
    /// <summary>Creates a pseudo-label.</summary>
    /// <param name="candidate">The candidate's index in <see cref="PseudoLabelCandidates"/> (0 to <see cref="PseudoLabelCandidates.Count"/> - 1), not its row.</param>
    /// <param name="class">The class it receives (0 to <see cref="PseudoLabelCandidates.ClassCount"/> - 1); usually its predicted class.</param>
    public PseudoLabel(int candidate, int @class)
    {
        Candidate = candidate;
        Class = @class;
    }

    /// <summary>The candidate's index in <see cref="PseudoLabelCandidates"/>.</summary>
    public int Candidate { get; }

    /// <summary>The class the candidate receives.</summary>
    public int Class { get; }
}
