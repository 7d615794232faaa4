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
    /// The seed of the fold assignment (and of the learning curve's test rows and kept labels). Fixed, not drawn from
    /// the <see cref="MLContext"/>, so that two identical comparisons compare on the same folds; change it to see how
    /// much the result depends on the folds. The estimators' own randomness is theirs (set their seeds, or use
    /// <c>new MLContext(seed: ...)</c>).
    /// </summary>
    /// <value>The default value is 0.</value>
    public int Seed { get; set; }

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
