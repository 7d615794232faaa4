using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.Diagnostics;

/// <summary>Options of the check that labeled and unlabeled rows come from the same distribution.</summary>
public sealed class DistributionShiftOptions
{
    /// <summary>The label column; a missing label marks an unlabeled row.</summary>
    /// <value>The default value is "Label".</value>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>The feature column: a known-size vector of Single.</summary>
    /// <value>The default value is "Features".</value>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>The number of cross-validation folds (fewer when there are fewer labeled rows). At least 2.</summary>
    /// <value>The default value is 5.</value>
    public int NumberOfFolds { get; set; } = 5;

    /// <summary>
    /// The cross-validated AUC from which the two sets count as different, in (0.5, 1]. An AUC near 0.5 means a
    /// classifier cannot tell labeled from unlabeled rows; near 1, it always can.
    /// </summary>
    /// <value>The default value is 0.7.</value>
    public double AucThreshold { get; set; } = 0.7;

    /// <summary>How many of the most separating features the report lists. Must not be negative.</summary>
    /// <value>The default value is 5.</value>
    public int NumberOfTopFeatures { get; set; } = 5;

    /// <summary>The seed of the fold assignment, or null to draw it from the <see cref="MLContext"/>.</summary>
    /// <value>The default value is null.</value>
    public int? Seed { get; set; }

    /// <summary>
    /// Stops the check: it is checked between folds, and a cancelled check throws <see cref="OperationCanceledException"/>.
    /// The same property as <see cref="SemiSupervisedOptionsBase.CancellationToken"/>; these options do not derive from
    /// that base because the check has no iterations to limit and no shift check of its own.
    /// </summary>
    /// <value>The default value is <see cref="CancellationToken.None"/>.</value>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Checks every option and throws one exception listing all the invalid ones.</summary>
    /// <exception cref="ArgumentException">One or more options are invalid.</exception>
    internal void Validate()
    {
        var errors = new OptionErrors();
        errors.Check(!string.IsNullOrWhiteSpace(LabelColumnName), $"LabelColumnName must name a column; got '{LabelColumnName}'.");
        errors.Check(!string.IsNullOrWhiteSpace(FeatureColumnName), $"FeatureColumnName must name a column; got '{FeatureColumnName}'.");
        errors.Check(NumberOfFolds >= 2, $"NumberOfFolds must be at least 2; got {NumberOfFolds}.");
        errors.Check(AucThreshold > 0.5 && AucThreshold <= 1, $"AucThreshold must be in (0.5, 1]; got {AucThreshold}.");
        errors.Check(NumberOfTopFeatures >= 0, $"NumberOfTopFeatures must not be negative; got {NumberOfTopFeatures}.");
        errors.ThrowIfAny("distribution shift");
    }
}
