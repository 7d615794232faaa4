using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised;

/// <summary>
/// The options every semi-supervised technique shares, as ML.NET's <c>TrainerInputBase</c> is for its trainers: the
/// label and feature columns, the iteration limit, the seed, the distribution-shift check and cancellation. Each
/// technique's options derive from it and keep their own default for <see cref="MaximumNumberOfIterations"/>.
/// </summary>
/// <remarks>
/// Progress goes to <c>mlContext.Log</c> and to each technique's <c>IterationCompleted</c> callback (an iteration of
/// co- and tri-training is what their papers call a round); its argument is the technique's own iteration type, so
/// the callback lives on each technique's options. The example weight column is not shared: only self-training takes
/// one (<c>SelfTrainingOptions.ExampleWeightColumnName</c>), because its pseudo-label weight is what a weight means
/// there; co- and tri-training count rows (pools, bootstrap samples, the error bound) and graph labeling weighs rows
/// by the graph's edges.
/// </remarks>
public abstract class SemiSupervisedOptionsBase
{
    private readonly int _minimumNumberOfIterations;

    /// <summary>Sets the technique's default iteration limit and the fewest iterations it accepts.</summary>
    private protected SemiSupervisedOptionsBase(int? maximumNumberOfIterations, int minimumNumberOfIterations)
    {
        MaximumNumberOfIterations = maximumNumberOfIterations;
        _minimumNumberOfIterations = minimumNumberOfIterations;
    }

    /// <summary>
    /// The label column; a missing label (NaN, the missing key) marks an unlabeled row. See each technique's options
    /// for the label types it reads.
    /// </summary>
    /// <value>The default value is "Label".</value>
    public string LabelColumnName { get; set; } = SemiSupervisedOptionsDefaults.LabelColumnName;

    /// <summary>The feature column: a known-size vector of Single, every value finite.</summary>
    /// <value>The default value is "Features".</value>
    public string FeatureColumnName { get; set; } = SemiSupervisedOptionsDefaults.FeatureColumnName;

    /// <summary>
    /// The most iterations (self-training iterations, co- and tri-training rounds, label propagation sweeps), or null
    /// for no limit. Each technique documents its default and its smallest value.
    /// </summary>
    /// <value>The default value is the technique's own: 10 for self-training, 30 for co-training, 20 for tri-training,
    /// 1000 for label propagation and 30 for label spreading.</value>
    public int? MaximumNumberOfIterations { get; set; }

    /// <summary>
    /// The seed of every random choice of the fit, or null to draw it from the <see cref="MLContext"/>'s random source
    /// (so that <c>new MLContext(seed)</c> makes the whole fit repeatable).
    /// </summary>
    /// <value>The default value is null.</value>
    public int? Seed { get; set; }

    /// <summary>
    /// When true, the fit first checks that the labeled and unlabeled rows come from the same distribution
    /// (<see cref="SemiSupervisedCatalog.CheckDistributionShift(IDataView, Diagnostics.DistributionShiftOptions)"/>
    /// with its defaults), puts the result in the report's <c>DistributionShift</c>, and logs a warning through
    /// <c>mlContext.Log</c> when they differ. It does not stop the fit.
    /// </summary>
    /// <value>The default value is false.</value>
    public bool CheckDistributionShift { get; set; }

    /// <summary>
    /// Stops the fit: it is checked between iterations and inside the long inner loops (the neighbour search, the
    /// label iteration, the distribution-shift check), and a cancelled fit throws
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <value>The default value is <see cref="CancellationToken.None"/>.</value>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Checks the shared options, recording each problem in <paramref name="errors"/>.</summary>
    private protected void ValidateShared(OptionErrors errors)
    {
        errors.Check(!string.IsNullOrWhiteSpace(LabelColumnName), $"LabelColumnName must name a column; got '{LabelColumnName}'.");
        errors.Check(!string.IsNullOrWhiteSpace(FeatureColumnName), $"FeatureColumnName must name a column; got '{FeatureColumnName}'.");
        bool iterationsValid = MaximumNumberOfIterations is null || MaximumNumberOfIterations >= _minimumNumberOfIterations;
        if (_minimumNumberOfIterations == 0)
            errors.Check(iterationsValid, $"MaximumNumberOfIterations must be null (no limit) or non-negative; got {MaximumNumberOfIterations}.");
        else
            errors.Check(iterationsValid, $"MaximumNumberOfIterations must be null (no limit) or at least {_minimumNumberOfIterations}; got {MaximumNumberOfIterations}.");
    }
}
