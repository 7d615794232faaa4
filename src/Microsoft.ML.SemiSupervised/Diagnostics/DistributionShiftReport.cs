using Microsoft.ML.SemiSupervised.Evaluation;

namespace Microsoft.ML.SemiSupervised.Diagnostics;

/// <summary>
/// Whether labeled and unlabeled rows look like draws from the same distribution: the cross-validated AUC of
/// a classifier trained to tell them apart, and the features that separate them most.
/// </summary>
public sealed class DistributionShiftReport
{
    /// <summary>The level below which <see cref="PValue"/> must be for <see cref="IsShifted"/>: 1 %.</summary>
    private const double SignificanceLevel = 0.01;

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

    /// <summary>
    /// True when <see cref="Auc"/> reaches <see cref="Threshold"/> and <see cref="PValue"/> is below 0.01: the unlabeled
    /// rows differ from the labeled ones. With a handful of labeled rows an AUC above the threshold is common by chance
    /// (4 labeled rows among 350 reach 0.7 about 8 % of the time), and the p-value keeps it from counting as a shift.
    /// </summary>
    public bool IsShifted => Auc >= Threshold && PValue < SignificanceLevel;

    /// <summary>
    /// The one-sided p-value of <see cref="Auc"/> against 0.5 (no difference): the chance of an AUC at least as high if
    /// the labeled rows were drawn from the unlabeled rows' distribution, by the normal approximation of the
    /// Mann-Whitney statistic (variance (n1 + n2 + 1) / (12 n1 n2) for n1 labeled and n2 unlabeled rows). NaN when
    /// <see cref="Auc"/> is.
    /// </summary>
    public double PValue => double.IsNaN(Auc) || LabeledCount == 0 || UnlabeledCount == 0
        ? double.NaN
        : StandardNormal.UpperTail((Auc - 0.5) / Math.Sqrt((LabeledCount + UnlabeledCount + 1.0) / (12.0 * LabeledCount * UnlabeledCount)));

    /// <summary>The features that separate the sets most, largest weight magnitude first.</summary>
    public IReadOnlyList<FeatureShift> TopFeatures { get; }

    /// <summary>The number of labeled rows.</summary>
    public int LabeledCount { get; }

    /// <summary>The number of unlabeled rows.</summary>
    public int UnlabeledCount { get; }

    /// <inheritdoc />
    public override string ToString() => double.IsNaN(Auc)
        ? $"distribution shift: not checked ({LabeledCount} labeled, {UnlabeledCount} unlabeled rows are too few to cross-validate)"
        : FormattableString.Invariant($"distribution shift: AUC {Auc:F3} ({Verdict}, threshold {Threshold:F2}, p {PValue:0.####}); ") +
          $"most separating features: {string.Join(", ", TopFeatures)}";

    private string Verdict => IsShifted ? "the unlabeled rows differ from the labeled rows"
        : Auc >= Threshold ? FormattableString.Invariant($"not a shift: {LabeledCount} labeled rows are too few to tell this AUC from 0.5 at the 1 % level")
        : "no sign of a difference";
}
