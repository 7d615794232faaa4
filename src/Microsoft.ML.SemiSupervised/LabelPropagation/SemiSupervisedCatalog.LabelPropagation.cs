using Microsoft.ML.SemiSupervised.LabelPropagation;

namespace Microsoft.ML.SemiSupervised;

public sealed partial class SemiSupervisedCatalog
{
    /// <summary>
    /// Label propagation (Zhu and Ghahramani): spreads the known labels over a nearest-neighbour graph of every row,
    /// labeled rows clamped, and writes each row's label, class distribution and confidence.
    /// </summary>
    /// <param name="labelColumnName">The label column: Single or Double (NaN for unlabeled), key (missing key) or text (empty).</param>
    /// <param name="featureColumnName">The feature column: a known-size vector of Single.</param>
    /// <param name="numberOfNeighbors">The neighbours of each row in the graph, the row itself included.</param>
    /// <param name="kernel">How similarity is weighed.</param>
    /// <param name="gamma">The RBF width, used by the RBF kernels.</param>
    /// <param name="maximumNumberOfIterations">The most iterations.</param>
    /// <returns>The estimator; its transformer adds the columns named in <see cref="LabelPropagationOptions"/>.</returns>
    /// <example>
    /// <code language="csharp">
    /// var model = mlContext.SemiSupervised.LabelPropagation(numberOfNeighbors: 7).Fit(data);
    /// var labeled = model.Transform(data); // adds PredictedLabel (key), Score, PropagatedLabel, Confidence
    /// </code>
    /// </example>
    public LabelPropagationEstimator LabelPropagation(
        string labelColumnName = LabelPropagationDefaults.LabelColumnName,
        string featureColumnName = LabelPropagationDefaults.FeatureColumnName,
        int numberOfNeighbors = LabelPropagationDefaults.NumberOfNeighbors,
        LabelPropagationKernel kernel = LabelPropagationDefaults.Kernel,
        double gamma = LabelPropagationDefaults.Gamma,
        int? maximumNumberOfIterations = LabelPropagationDefaults.PropagationMaximumNumberOfIterations)
        => LabelPropagation(new LabelPropagationOptions
        {
            LabelColumnName = labelColumnName,
            FeatureColumnName = featureColumnName,
            NumberOfNeighbors = numberOfNeighbors,
            Kernel = kernel,
            Gamma = gamma,
            MaximumNumberOfIterations = maximumNumberOfIterations,
        });

    /// <summary>Label propagation with every option.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException">An option is invalid (every problem is listed).</exception>
    public LabelPropagationEstimator LabelPropagation(LabelPropagationOptions options) => new(Context, options);

    /// <summary>
    /// Label spreading (Zhou et al.): spreads the known labels over the normalized graph of every row; with
    /// <paramref name="alpha"/> > 0 a labeled row may change its label when its neighbours disagree (robust to label noise).
    /// </summary>
    /// <param name="labelColumnName">The label column: Single or Double (NaN for unlabeled), key (missing key) or text (empty).</param>
    /// <param name="featureColumnName">The feature column: a known-size vector of Single.</param>
    /// <param name="numberOfNeighbors">The neighbours of each row in the graph, the row itself included.</param>
    /// <param name="alpha">How much of its neighbours' labels a row takes per iteration, in (0, 1).</param>
    /// <param name="kernel">How similarity is weighed.</param>
    /// <param name="gamma">The RBF width, used by the RBF kernels.</param>
    /// <param name="maximumNumberOfIterations">The most iterations.</param>
    /// <returns>The estimator; its transformer adds the columns named in <see cref="LabelSpreadingOptions"/>.</returns>
    /// <example>
    /// <code language="csharp">
    /// // Evaluate with ML.NET's evaluator: key the label first, so that the test rows are keyed the same way.
    /// var model = mlContext.Transforms.Conversion.MapValueToKey("Label")
    ///     .Append(mlContext.SemiSupervised.LabelSpreading(numberOfNeighbors: 7)).Fit(data);
    /// var metrics = mlContext.MulticlassClassification.Evaluate(model.Transform(test));
    ///
    /// // Or learn an inductive model from the filled-in labels:
    /// var pipeline = mlContext.SemiSupervised.LabelSpreading(numberOfNeighbors: 7)
    ///     .Append(mlContext.Transforms.Conversion.MapValueToKey("PropagatedLabel"))
    ///     .Append(mlContext.MulticlassClassification.Trainers.SdcaMaximumEntropy("PropagatedLabel"));
    /// </code>
    /// </example>
    public LabelPropagationEstimator LabelSpreading(
        string labelColumnName = LabelPropagationDefaults.LabelColumnName,
        string featureColumnName = LabelPropagationDefaults.FeatureColumnName,
        int numberOfNeighbors = LabelPropagationDefaults.NumberOfNeighbors,
        double alpha = LabelPropagationDefaults.Alpha,
        LabelPropagationKernel kernel = LabelPropagationDefaults.Kernel,
        double gamma = LabelPropagationDefaults.Gamma,
        int? maximumNumberOfIterations = LabelPropagationDefaults.SpreadingMaximumNumberOfIterations)
        => LabelSpreading(new LabelSpreadingOptions
        {
            LabelColumnName = labelColumnName,
            FeatureColumnName = featureColumnName,
            NumberOfNeighbors = numberOfNeighbors,
            Alpha = alpha,
            Kernel = kernel,
            Gamma = gamma,
            MaximumNumberOfIterations = maximumNumberOfIterations,
        });

    /// <summary>Label spreading with every option.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException">An option is invalid (every problem is listed).</exception>
    public LabelPropagationEstimator LabelSpreading(LabelSpreadingOptions options) => new(Context, options);
}
