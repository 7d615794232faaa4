namespace Microsoft.ML.SemiSupervised.Selection;

/// <summary>
/// The rule that chooses, in each self-training iteration or co-training round, which unlabeled rows receive a
/// pseudo-label and which class: <see cref="ConfidenceThresholdSelection"/> (within <see cref="ClassBalancedSelection"/>, self-training's default),
/// <see cref="KBestSelection"/>, <see cref="CountPerClassSelection"/> (co-training's default),
/// <see cref="ClassBalancedSelection"/> over another, or <see cref="SetredSelection"/>. A new rule is one class
/// deriving from this one, and serves both techniques.
/// </summary>
/// <remarks>
/// <para>
/// Self-training calls <see cref="Select"/> once per iteration, after fitting the inner trainer and predicting
/// every unlabeled row (the candidates). What the rule returns is labeled; the rest stay candidates. Returning
/// nothing ends the loop (<see cref="SelfTraining.SelfTrainingStopReason.NoChange"/>). The hold-out guard, which
/// withdraws an iteration's pseudo-labels when the held-out accuracy drops, stays in the loop and applies to
/// every rule.
/// </para>
/// <para>
/// Co-training calls <see cref="Select"/> once per view per round: the candidates are the pool rows, with that
/// view's model's predictions and features, less the rows the first view's model labeled in the round. What the
/// rule returns is labeled for both views; when neither view's call returns anything, the loop ends
/// (<see cref="CoTraining.CoTrainingStopReason.NoChange"/>).
/// </para>
/// <para>
/// A rule should be deterministic for a given <see cref="PseudoLabelCandidates"/> (draw from
/// <see cref="PseudoLabelCandidates.Random"/> if it needs randomness) and keep no state between calls:
/// one instance may serve several estimators and fits.
/// </para>
/// </remarks>
public abstract class PseudoLabelSelection
{
    /// <summary>Chooses the candidates to pseudo-label in this iteration, and their classes.</summary>
    /// <param name="candidates">The iteration's candidates with their predictions, and the labeled rows.</param>
    /// <returns>
    /// The pseudo-labels to give, each candidate at most once; their order is the order in which they are recorded.
    /// An empty list ends the loop.
    /// </returns>
    public abstract IReadOnlyList<PseudoLabel> Select(PseudoLabelCandidates candidates);

    /// <summary>
    /// Checks, before the first iteration, that the rule fits the label's classes; a rule that wraps another passes
    /// the call on. By default, any classes fit.
    /// </summary>
    /// <exception cref="ArgumentException">The rule's settings do not fit the classes (for example one count per class of another length).</exception>
    internal virtual void CheckClasses(string labelColumnName, IReadOnlyList<string> classNames)
    {
    }

    /// <summary>
    /// What <see cref="ClassBalancedSelection"/> balances: the candidates this rule would accept, most confident
    /// first, and how many of them it would take. By default, what <see cref="Select"/> returns, all of it.
    /// </summary>
    internal virtual (PseudoLabel[] Accepted, int Budget) ForBalancing(PseudoLabelCandidates candidates)
    {
        var accepted = SelectChecked(this, candidates).ToArray();
        return (accepted, accepted.Length);
    }

    /// <summary>
    /// Calls <paramref name="selection"/> and checks what it returns: each candidate at most once, in range, with a
    /// class in range. A rule written outside this library gets a clear error instead of a wrong label.
    /// </summary>
    /// <exception cref="InvalidOperationException">The rule returned null, a candidate out of range or twice, or a class out of range.</exception>
    internal static IReadOnlyList<PseudoLabel> SelectChecked(PseudoLabelSelection selection, PseudoLabelCandidates candidates)
    {
        string name = selection.GetType().Name;
        var labels = selection.Select(candidates)
            ?? throw new InvalidOperationException($"The pseudo-label selection {name} returned null; return an empty list to label nothing.");
        var seen = new bool[candidates.Count];
        foreach (var label in labels)
        {
            if ((uint)label.Candidate >= (uint)candidates.Count)
                throw new InvalidOperationException($"The pseudo-label selection {name} returned candidate {label.Candidate}, but the candidates are numbered 0 to {candidates.Count - 1}.");
            if (seen[label.Candidate])
                throw new InvalidOperationException($"The pseudo-label selection {name} returned candidate {label.Candidate} twice; return each candidate at most once.");
            if ((uint)label.Class >= (uint)candidates.ClassCount)
                throw new InvalidOperationException($"The pseudo-label selection {name} gave candidate {label.Candidate} class {label.Class}, but the classes are numbered 0 to {candidates.ClassCount - 1}.");
            seen[label.Candidate] = true;
        }
        return labels;
    }

    /// <summary>The candidates ranked by confidence, highest first, ties broken by candidate order.</summary>
    internal static int[] RankByConfidence(PseudoLabelCandidates candidates) =>
        Enumerable.Range(0, candidates.Count).OrderByDescending(i => candidates.Confidences[i]).ThenBy(i => i).ToArray();

    /// <summary>Pseudo-labels giving each of <paramref name="candidateIndices"/> its predicted class.</summary>
    internal static PseudoLabel[] WithPredictedClass(PseudoLabelCandidates candidates, IEnumerable<int> candidateIndices) =>
        candidateIndices.Select(i => new PseudoLabel(i, candidates.PredictedClasses[i])).ToArray();
}
