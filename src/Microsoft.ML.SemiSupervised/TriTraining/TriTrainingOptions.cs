using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.TriTraining;

/// <summary>Options of <see cref="TriTrainingEstimator"/>.</summary>
/// <remarks>The inner trainers read the columns named here: create them with the same label and feature column names.</remarks>
public sealed class TriTrainingOptions
{
    /// <summary>
    /// The label column; a missing label (NaN, the missing key) marks an unlabeled row. A key label, Boolean or 0/1
    /// label (binary), or Single/Double label with classes 0..K-1 (multiclass): the labels ML.NET's evaluators read as
    /// the model does. Others, text among them, are refused at Fit: add MapValueToKey first.
    /// </summary>
    /// <value>The default value is "Label".</value>
    public string LabelColumnName { get; set; } = TriTrainingDefaults.LabelColumnName;

    /// <summary>The feature column: a known-size vector of Single, read by all three models.</summary>
    /// <value>The default value is "Features".</value>
    public string FeatureColumnName { get; set; } = TriTrainingDefaults.FeatureColumnName;

    /// <summary>
    /// The most rounds, or null for no limit (the loop then stops when a round updates no model, the paper's rule).
    /// Zero keeps the three bootstrap models. Must not be negative.
    /// </summary>
    /// <value>The default value is 20.</value>
    public int? MaximumNumberOfIterations { get; set; } = TriTrainingDefaults.MaximumNumberOfIterations;

    /// <summary>
    /// When true, the fit first checks that the labeled and unlabeled rows come from the same distribution
    /// (<see cref="SemiSupervisedCatalog.CheckDistributionShift(IDataView, Diagnostics.DistributionShiftOptions)"/>
    /// with its defaults), puts the result in the report's <c>DistributionShift</c>, and logs a warning through
    /// <c>mlContext.Log</c> when they differ. It does not stop the fit.
    /// </summary>
    /// <value>The default value is false.</value>
    public bool CheckDistributionShift { get; set; }

    /// <summary>
    /// The seed of the bootstrap samples and subsamples, or null to draw it from the <see cref="MLContext"/>'s random
    /// source (so that <c>new MLContext(seed)</c> makes the whole fit repeatable).
    /// </summary>
    /// <value>The default value is null.</value>
    public int? Seed { get; set; }

    /// <summary>Called after each round with what it did, for progress reporting.</summary>
    /// <value>The default value is null.</value>
    public Action<TriTrainingRound>? RoundCompleted { get; set; }

    /// <summary>Checks every option and throws one exception listing all the invalid ones.</summary>
    /// <exception cref="ArgumentException">One or more options are invalid.</exception>
    internal void Validate()
    {
        var errors = new OptionErrors();
        errors.Check(!string.IsNullOrWhiteSpace(LabelColumnName), $"LabelColumnName must name a column; got '{LabelColumnName}'.");
        errors.Check(!string.IsNullOrWhiteSpace(FeatureColumnName), $"FeatureColumnName must name a column; got '{FeatureColumnName}'.");
        errors.Check(MaximumNumberOfIterations is null or >= 0, $"MaximumNumberOfIterations must be null (no limit) or non-negative; got {MaximumNumberOfIterations}.");
        errors.ThrowIfAny("tri-training");
    }

    /// <summary>A copy, so that changing the options after creating an estimator does not change it.</summary>
    internal TriTrainingOptions Clone() => (TriTrainingOptions)MemberwiseClone();
}
