using System.Globalization;
using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.Selection;

/// <summary>
/// Pseudo-labels, per class, the <see cref="CountPerClass"/> candidates predicted as that class with the highest
/// confidence (Blum and Mitchell's p positives and n negatives per round), with their predicted class; ties broken by
/// candidate order. Co-training's default rule.
/// </summary>
/// <remarks>
/// Without counts, each class gets its share of the rows labeled in the data
/// (<see cref="PseudoLabelCandidates.LabeledClassProportions"/>) with the rarest labeled class at 1: counts
/// <c>max(1, round(n_c / n_rarest))</c>, 0 for a class with no labeled row (Blum and Mitchell's 1 positive and
/// 3 negatives for a 1:3 ratio). A class with fewer candidates predicted as it than its count gives what it has.
/// </remarks>
public sealed class CountPerClassSelection : PseudoLabelSelection
{
    private readonly int[]? _countPerClass;

    /// <summary>Creates the rule.</summary>
    /// <param name="countPerClass">
    /// How many candidates of each class (indexed like the report's class names; for binary, false then true) to
    /// pseudo-label per call, each positive; null to follow the class ratio of the labeled rows, the rarest class at 1.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="countPerClass"/> is empty or holds a count that is not positive.</exception>
    public CountPerClassSelection(IReadOnlyList<int>? countPerClass = null)
    {
        if (countPerClass is not null && (countPerClass.Count == 0 || countPerClass.Any(c => c <= 0)))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"CountPerClass must hold a positive count per class; got [{string.Join(", ", countPerClass)}]."), nameof(countPerClass));
        _countPerClass = countPerClass?.ToArray();
    }

    /// <summary>How many candidates of each class are pseudo-labeled per call, or null for the labeled class ratio.</summary>
    /// <value>The default value is null (the labeled class ratio, the rarest class at 1).</value>
    public IReadOnlyList<int>? CountPerClass => _countPerClass is null ? null : Array.AsReadOnly(_countPerClass);

    /// <summary>Per class, its most confident candidates up to its count, most confident first (ties by candidate order).</summary>
    /// <param name="candidates">The iteration's candidates.</param>
    /// <returns>The pseudo-labels, each with its candidate's predicted class.</returns>
    /// <exception cref="InvalidOperationException">The counts are not one per class.</exception>
    public override IReadOnlyList<PseudoLabel> Select(PseudoLabelCandidates candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var left = CountsFor(candidates);
        return WithPredictedClass(candidates, RankByConfidence(candidates).Where(i => left[candidates.PredictedClasses[i]]-- > 0));
    }

    /// <inheritdoc />
    public override string ToString() => _countPerClass is null ? "CountPerClass(labeled ratio)" : $"CountPerClass({string.Join(", ", _countPerClass)})";

    /// <inheritdoc />
    internal override void CheckClasses(string labelColumnName, IReadOnlyList<string> classNames)
    {
        if (_countPerClass is not null && _countPerClass.Length != classNames.Count)
            throw new ArgumentException(ErrorMessages.CountPerClassLength(labelColumnName, _countPerClass.Length, classNames));
    }

    /// <summary>The counts to take this call: the given ones, or the labeled class ratio with the rarest class at 1.</summary>
    private int[] CountsFor(PseudoLabelCandidates candidates)
    {
        if (_countPerClass is not null)
        {
            if (_countPerClass.Length != candidates.ClassCount)
                throw new InvalidOperationException($"CountPerClass has {_countPerClass.Length} counts, but there are {candidates.ClassCount} classes. Give one count per class.");
            return (int[])_countPerClass.Clone();
        }
        var labeled = candidates.LabeledClassCounts;
        double rarest = labeled.Where(n => n > 0).DefaultIfEmpty(1).Min();
        return labeled.Select(n => n == 0 ? 0 : Math.Max(1, (int)Math.Round(n / rarest))).ToArray();
    }
}
