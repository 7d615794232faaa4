using Microsoft.ML.SemiSupervised.Evaluation;

namespace Microsoft.ML.SemiSupervised;

public sealed partial class SemiSupervisedCatalog
{
    /// <summary>
    /// Tells whether unlabeled data helps: cross-validates a semi-supervised estimator and its supervised
    /// baseline over the labeled rows of <paramref name="data"/> and compares them fold by fold.
    /// </summary>
    /// <remarks>
    /// Not an <c>Evaluate</c>: ML.NET's <c>Evaluate(scoredData)</c> measures rows a model has already scored; this
    /// trains both estimators itself, fold by fold. The folds come from <see cref="SemiSupervisedEvaluationOptions.Seed"/>,
    /// so two identical comparisons use the same folds (and, with deterministic trainers, give the same numbers).
    /// Each fold tests both models on the same labeled rows. The semi-supervised estimator trains on every
    /// other row, labeled or not; the supervised one on the other labeled rows only. Both receive rows of
    /// <paramref name="data"/> as they are, so each must handle the label type itself (for a binary trainer
    /// on a Single label: <c>ConvertType</c> to Boolean, which is safe on labeled rows). A fold with fewer labeled
    /// test rows than <see cref="SemiSupervisedEvaluationOptions.MinimumTestRowsPerFold"/> makes the verdict
    /// <see cref="EvaluationVerdict.Inconclusive"/>. An error about a row met inside a fold names the row of
    /// <paramref name="data"/>, counted from 0.
    /// </remarks>
    /// <param name="data">Rows with and without labels.</param>
    /// <param name="semiSupervised">The semi-supervised estimator or pipeline.</param>
    /// <param name="supervised">The baseline: the same pipeline with the plain inner trainer.</param>
    /// <param name="options">The options; null for the defaults.</param>
    /// <returns>Per-fold metrics of both, the mean difference with its 95 % confidence interval, and a verdict.</returns>
    /// <exception cref="ArgumentException">An option is invalid, the labels cannot be cross-validated, or an estimator refuses the data.</exception>
    /// <example>
    /// <code language="csharp">
    /// var evaluation = mlContext.SemiSupervised.CompareWithSupervised(data,
    ///     toKey.Append(mlContext.SemiSupervised.SelfTraining(trainer)),
    ///     toKey.Append(trainer));
    /// Console.WriteLine(evaluation.Summary);   // "unlabeled data helped by 2.3 points (95 % CI +0.4 to +4.2)"
    /// </code>
    /// </example>
    public SemiSupervisedEvaluation CompareWithSupervised(IDataView data, IEstimator<ITransformer> semiSupervised, IEstimator<ITransformer> supervised, SemiSupervisedEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(semiSupervised);
        ArgumentNullException.ThrowIfNull(supervised);
        options ??= new SemiSupervisedEvaluationOptions();
        options.Validate();
        var host = Environment.Register("SemiSupervisedEvaluation");
        using var channel = host.Start(nameof(CompareWithSupervised));
        var random = new Random(options.Seed ?? host.Rand.Next());
        return BaselineComparison.CrossValidate(Context, data, semiSupervised, supervised, options, random, channel);
    }

    /// <summary>
    /// A learning curve: both estimators trained with growing fractions of the labels, tested on the same
    /// held-out labeled rows. The labels not kept become unlabeled rows for the semi-supervised estimator.
    /// </summary>
    /// <remarks>
    /// The test rows and the labels kept come from <see cref="SemiSupervisedEvaluationOptions.Seed"/>, so two identical
    /// calls draw the same rows.
    /// </remarks>
    /// <param name="data">Rows with and without labels.</param>
    /// <param name="semiSupervised">The semi-supervised estimator or pipeline.</param>
    /// <param name="supervised">The baseline: the same pipeline with the plain inner trainer.</param>
    /// <param name="labeledFractions">The fractions of the non-test labeled rows to keep labeled, each in (0, 1].</param>
    /// <param name="testFraction">The fraction of each class's labeled rows held out for testing, in (0, 1).</param>
    /// <param name="options">The options (label column, seed); null for the defaults.</param>
    /// <returns>One point per fraction, in increasing order.</returns>
    /// <exception cref="ArgumentException">An option or fraction is invalid, or the labels are too few.</exception>
    public IReadOnlyList<LearningCurvePoint> CompareLearningCurves(IDataView data, IEstimator<ITransformer> semiSupervised, IEstimator<ITransformer> supervised,
        IReadOnlyList<double> labeledFractions, double testFraction = 0.3, SemiSupervisedEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(semiSupervised);
        ArgumentNullException.ThrowIfNull(supervised);
        ArgumentNullException.ThrowIfNull(labeledFractions);
        options ??= new SemiSupervisedEvaluationOptions();
        options.Validate();
        if (labeledFractions.Count == 0 || labeledFractions.Any(f => !(f > 0 && f <= 1)))
            throw new ArgumentException($"Every labeled fraction must be in (0, 1]; got [{string.Join(", ", labeledFractions.Select(f => f.ToString(System.Globalization.CultureInfo.InvariantCulture)))}].", nameof(labeledFractions));
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentException(FormattableString.Invariant($"The test fraction must be in (0, 1); got {testFraction}."), nameof(testFraction));
        var host = Environment.Register("SemiSupervisedEvaluation");
        using var channel = host.Start(nameof(CompareLearningCurves));
        var random = new Random(options.Seed ?? host.Rand.Next());
        return BaselineComparison.LearningCurve(Context, data, semiSupervised, supervised, labeledFractions, testFraction, options, random, channel);
    }
}
