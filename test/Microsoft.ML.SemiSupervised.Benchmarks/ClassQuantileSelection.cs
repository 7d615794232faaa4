using System.Globalization;
using Microsoft.ML.SemiSupervised.Selection;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// A prototype rule measured by <see cref="SelfTrainingDefaultsTable"/>: a threshold relative to each class's own
/// confidence distribution (in the spirit of FlexMatch's class-wise thresholds and curriculum labeling's percentiles).
/// Among the candidates predicted as class c, the rows whose confidence is at least the <c>quantile</c>-quantile of
/// those candidates' confidences, and at least <c>floor</c>.
/// </summary>
public sealed class ClassQuantileSelection(double quantile, double floor) : PseudoLabelSelection
{
    /// <summary>Per predicted class, its rows at or above the class's quantile and the floor.</summary>
    public override IReadOnlyList<PseudoLabel> Select(PseudoLabelCandidates candidates)
    {
        var selected = new List<PseudoLabel>();
        foreach (var group in Enumerable.Range(0, candidates.Count).GroupBy(i => candidates.PredictedClasses[i]))
        {
            var sorted = group.Select(i => candidates.Confidences[i]).Order().ToArray();
            double cut = Math.Max(floor, sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(quantile * sorted.Length))]);
            selected.AddRange(group.Where(i => candidates.Confidences[i] >= cut).Select(i => new PseudoLabel(i, group.Key)));
        }
        return selected.OrderByDescending(l => candidates.Confidences[l.Candidate]).ThenBy(l => l.Candidate).ToArray();
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"ClassQuantile({quantile}, {floor})");
}
