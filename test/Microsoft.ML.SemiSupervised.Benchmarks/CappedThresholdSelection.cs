using System.Globalization;
using Microsoft.ML.SemiSupervised.Selection;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// A prototype rule measured by <see cref="SelfTrainingDefaultsTable"/>: the rows at or above a probability, most
/// confident first, but at most a fraction of the candidates per iteration, so that the pool is labeled over several
/// iterations and each iteration's model sees the previous pseudo-labels (a cap on pseudo-labels per iteration).
/// </summary>
public sealed class CappedThresholdSelection(double threshold, double fraction) : PseudoLabelSelection
{
    /// <summary>The rows at or above the threshold, at most <c>ceiling(fraction * candidates)</c> of them.</summary>
    public override IReadOnlyList<PseudoLabel> Select(PseudoLabelCandidates candidates)
    {
        int cap = (int)Math.Ceiling(fraction * candidates.Count);
        return Enumerable.Range(0, candidates.Count)
            .Where(i => candidates.Confidences[i] >= threshold)
            .OrderByDescending(i => candidates.Confidences[i]).ThenBy(i => i)
            .Take(cap)
            .Select(i => new PseudoLabel(i, candidates.PredictedClasses[i]))
            .ToArray();
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"CappedThreshold({threshold}, {fraction})");
}
