using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.TriTraining;

/// <summary>Options of <see cref="TriTrainingEstimator"/>.</summary>
/// <remarks>The inner trainers read the columns named here: create them with the same label and feature column names.</remarks>
public sealed class TriTrainingOptions : SemiSupervisedOptionsBase
{
    /// <summary>
    /// Creates the options with every default: <see cref="SemiSupervisedOptionsBase.MaximumNumberOfIterations"/> is
    /// 20 rounds; null runs until a round updates no model (the paper's rule), and zero keeps the three bootstrap
    /// models. The feature column is read by all three models; the seed draws the bootstrap samples and subsamples.
    /// </summary>
    public TriTrainingOptions()
        : base(TriTrainingDefaults.MaximumNumberOfIterations, minimumNumberOfIterations: 0)
    {
    }

    /// <summary>Called after each round with what it did, for progress reporting.</summary>
    /// <value>The default value is null.</value>
    public Action<TriTrainingIteration>? IterationCompleted { get; set; }

    /// <summary>Checks every option and throws one exception listing all the invalid ones.</summary>
    /// <exception cref="ArgumentException">One or more options are invalid.</exception>
    internal void Validate()
    {
        var errors = new OptionErrors();
        ValidateShared(errors);
        errors.ThrowIfAny("tri-training");
    }

    /// <summary>A copy, so that changing the options after creating an estimator does not change it.</summary>
    internal TriTrainingOptions Clone() => (TriTrainingOptions)MemberwiseClone();
}
