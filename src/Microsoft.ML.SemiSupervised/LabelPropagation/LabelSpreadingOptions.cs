using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// Options of label spreading (Zhou et al., 2004): iterates <c>F = Alpha * S * F + (1 - Alpha) * Y</c> over the
/// symmetrically normalized graph S, so a labeled row can change its label when its neighbours disagree.
/// </summary>
public sealed class LabelSpreadingOptions : GraphLabelingOptions
{
    /// <summary>Creates the options with every default.</summary>
    public LabelSpreadingOptions()
        : base(LabelPropagationDefaults.SpreadingMaximumNumberOfIterations)
    {
    }

    /// <summary>
    /// How much of its neighbours' labels a row takes in each iteration, in (0, 1): 0 would keep the initial labels,
    /// values near 1 let labeled rows move freely.
    /// </summary>
    /// <value>The default value is 0.2.</value>
    public double Alpha { get; set; } = LabelPropagationDefaults.Alpha;

    internal override void Validate(OptionErrors errors)
    {
        base.Validate(errors);
        errors.Check(Alpha > 0 && Alpha < 1, $"Alpha must be in (0, 1); got {Alpha}.");
    }
}
