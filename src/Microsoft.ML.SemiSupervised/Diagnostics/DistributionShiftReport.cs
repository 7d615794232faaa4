namespace Microsoft.ML.SemiSupervised.Diagnostics;

/// <summary>
/// Whether labeled and unlabeled rows look like draws from the same distribution: the cross-validated AUC of
/// a classifier trained to tell them apart, and the features that separate them most.
/// </summary>
public sealed class DistributionShiftReport
{
    internal DistributionShiftReport(double auc, IReadOnlyList<double> aucPerFold, double threshold, IReadOnlyList<FeatureShift> topFeatures, int labeledCount, int unlabeledCount)
    {
        Auc = auc;
        AucPerFold = aucPerFold;
        Threshold = threshold;
        TopFeatures = topFeatures;
        LabeledCount = labeledCount;
        UnlabeledCount = unlabeledCount;
    }

    /// <summary>
    /// The mean cross-validated AUC: near 0.5, the two sets cannot be told apart (good); near 1, they differ.
    /// NaN when there are too few labeled or unlabeled rows to cross-validate.
    /// </summary>
    public double Auc { get; }

    /// <summary>The AUC of each fold.</summary>
    public IReadOnlyList<double> AucPerFold { get; }

    /// <summary>The AUC from which <see cref="IsShifted"/> is true.</summary>
    public double Threshold { get; }

    /// <summary>True when <see cref="Auc"/> reaches <see cref="Threshold"/>: the unlabeled rows differ from the labeled ones.</summary>
    public bool IsShifted => Auc >= Threshold;

    /// <summary>The features that separate the sets most, largest weight magnitude first.</summary>
    public IReadOnlyList<FeatureShift> TopFeatures { get; }

    /// <summary>The number of labeled rows.</summary>
    public int LabeledCount { get; }

    /// <summary>The number of unlabeled rows.</summary>
    public int UnlabeledCount { get; }

    /// <inheritdoc />
    public override string ToString() => double.IsNaN(Auc)
        ? $"distribution shift: not checked ({LabeledCount} labeled, {UnlabeledCount} unlabeled rows are too few to cross-validate)"
        : FormattableString.Invariant($"distribution shift: AUC {Auc:F3} ({(IsShifted ? "the unlabeled rows differ from the labeled rows" : "no sign of a difference")}, threshold {Threshold:F2}); ") +
          $"most separating features: {string.Join(", ", TopFeatures)}";
}
