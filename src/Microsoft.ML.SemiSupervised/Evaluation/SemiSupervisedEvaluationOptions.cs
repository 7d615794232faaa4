using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.Evaluation;

/// <summary>Options of the comparison between a semi-supervised estimator and its supervised baseline.</summary>
public sealed class SemiSupervisedEvaluationOptions
{
    /// <summary>The label column; a missing label (NaN, the missing key, empty text) marks an unlabeled row.</summary>
    /// <value>The default value is "Label".</value>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>The number of cross-validation folds over the labeled rows (fewer when a class has fewer rows). At least 2.</summary>
    /// <value>The default value is 5.</value>
    public int NumberOfFolds { get; set; } = 5;

    /// <summary>
    /// The fewest labeled test rows a fold needs for a verdict. With fewer, a fold's accuracy moves in steps too coarse
    /// to measure a difference, and the verdict is <see cref="EvaluationVerdict.Inconclusive"/>. At least 1.
    /// </summary>
    /// <value>The default value is 10.</value>
    public int MinimumTestRowsPerFold { get; set; } = 10;

    /// <summary>
    /// The seed of the fold assignment (and of the learning curve's test rows and kept labels), or null to draw it
    /// from the <see cref="MLContext"/>. Fixed by default, so that two identical comparisons compare on the same folds;
    /// change it to see how much the result depends on the folds. The estimators' own randomness is theirs (set their
    /// seeds, or use <c>new MLContext(seed: ...)</c>). Of type <c>int?</c> as every other <c>Seed</c> of the library.
    /// </summary>
    /// <value>The default value is 0.</value>
    public int? Seed { get; set; } = 0;

    /// <summary>
    /// Stops the comparison: it is checked between folds (and between the learning curve's fractions); the estimators compared take their own token in their options, and a cancelled comparison throws <see cref="OperationCanceledException"/>.
    /// The same property as <see cref="SemiSupervisedOptionsBase.CancellationToken"/>; these options do not derive from
    /// that base because the estimators compared carry their own feature columns, iteration limits and shift checks.
    /// </summary>
    /// <value>The default value is <see cref="CancellationToken.None"/>.</value>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Checks every option and throws one exception listing all the invalid ones.</summary>
    internal void Validate()
    {
        var errors = new OptionErrors();
        errors.Check(!string.IsNullOrWhiteSpace(LabelColumnName), $"LabelColumnName must name a column; got '{LabelColumnName}'.");
        errors.Check(NumberOfFolds >= 2, $"NumberOfFolds must be at least 2; got {NumberOfFolds}.");
        errors.Check(MinimumTestRowsPerFold >= 1, $"MinimumTestRowsPerFold must be positive; got {MinimumTestRowsPerFold}.");
        errors.ThrowIfAny("evaluation");
    }
}
