using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.SelfTraining;
using Microsoft.ML.Trainers;

namespace Microsoft.ML.SemiSupervised;

public sealed partial class SemiSupervisedCatalog
{
    /// <summary>
    /// Self-training around a binary classification trainer: the model learns from the labeled rows, labels
    /// the unlabeled rows it is confident about, and learns again.
    /// </summary>
    /// <typeparam name="TModel">The inner trainer's model parameters type.</typeparam>
    /// <param name="binaryTrainer">
    /// Any ML.NET binary trainer (LightGbm, FastTree, SdcaLogisticRegression, AveragedPerceptron, ...), created
    /// with the same label and feature column names. A trainer without probability output is calibrated
    /// automatically to rank its confidence.
    /// </param>
    /// <param name="labelColumnName">
    /// The label column: Single or Double (0, 1, NaN for unlabeled), Boolean, a key with two values or text with two
    /// values (the missing key or empty text for unlabeled).
    /// </param>
    /// <param name="featureColumnName">The feature column: a known-size vector of Single.</param>
    /// <param name="confidenceThreshold">The probability an unlabeled row's predicted class needs to become its pseudo-label, in (0, 1].</param>
    /// <param name="maximumNumberOfIterations">The most iterations, or null for no limit.</param>
    /// <returns>The self-training estimator; its model is the inner trainer's transformer.</returns>
    /// <example>
    /// <code language="csharp">
    /// var pipeline = mlContext.SemiSupervised.SelfTraining(
    ///     mlContext.BinaryClassification.Trainers.LightGbm());
    /// var model = pipeline.Fit(dataWithSomeLabelsMissing);
    /// </code>
    /// </example>
    public SelfTrainingEstimator<BinaryPredictionTransformer<TModel>> SelfTraining<TModel>(
        ITrainerEstimator<BinaryPredictionTransformer<TModel>, TModel> binaryTrainer,
        string labelColumnName = SelfTrainingDefaults.LabelColumnName,
        string featureColumnName = SelfTrainingDefaults.FeatureColumnName,
        double confidenceThreshold = SelfTrainingDefaults.ConfidenceThreshold,
        int? maximumNumberOfIterations = SelfTrainingDefaults.MaximumNumberOfIterations)
        where TModel : class
        => SelfTraining(binaryTrainer, Options(labelColumnName, featureColumnName, confidenceThreshold, maximumNumberOfIterations));

    /// <summary>Self-training around a binary classification trainer, with every option.</summary>
    /// <typeparam name="TModel">The inner trainer's model parameters type.</typeparam>
    /// <param name="binaryTrainer">Any ML.NET binary trainer, created with the column names of <paramref name="options"/>.</param>
    /// <param name="options">The self-training options.</param>
    /// <returns>The self-training estimator; its model is the inner trainer's transformer.</returns>
    /// <exception cref="ArgumentException">An option is invalid, or the trainer reads other columns than the options name.</exception>
    public SelfTrainingEstimator<BinaryPredictionTransformer<TModel>> SelfTraining<TModel>(
        ITrainerEstimator<BinaryPredictionTransformer<TModel>, TModel> binaryTrainer,
        SelfTrainingOptions options)
        where TModel : class
        => new(Context, binaryTrainer, LabelTask.Binary, options);

    /// <summary>
    /// Self-training around a multiclass classification trainer: the model learns from the labeled rows,
    /// labels the unlabeled rows it is confident about, and learns again.
    /// </summary>
    /// <typeparam name="TModel">The inner trainer's model parameters type.</typeparam>
    /// <param name="multiclassTrainer">
    /// Any ML.NET multiclass trainer whose Score is a probability distribution (LbfgsMaximumEntropy,
    /// SdcaMaximumEntropy, LightGbm, OneVersusAll, ...), created with the same label and feature column names.
    /// </param>
    /// <param name="labelColumnName">
    /// The label column: a key (the missing key for unlabeled), Single or Double (NaN for unlabeled) or text
    /// (empty for unlabeled). The inner trainer gets a key label whose values are the label's own.
    /// </param>
    /// <param name="featureColumnName">The feature column: a known-size vector of Single.</param>
    /// <param name="confidenceThreshold">The probability an unlabeled row's predicted class needs to become its pseudo-label, in (0, 1].</param>
    /// <param name="maximumNumberOfIterations">The most iterations, or null for no limit.</param>
    /// <returns>The self-training estimator; its model is the inner trainer's transformer.</returns>
    /// <example>
    /// <code language="csharp">
    /// var pipeline = mlContext.SemiSupervised.SelfTraining(
    ///     mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy());
    /// var model = pipeline.Fit(dataWithSomeLabelsMissing);
    /// </code>
    /// </example>
    public SelfTrainingEstimator<MulticlassPredictionTransformer<TModel>> SelfTraining<TModel>(
        ITrainerEstimator<MulticlassPredictionTransformer<TModel>, TModel> multiclassTrainer,
        string labelColumnName = SelfTrainingDefaults.LabelColumnName,
        string featureColumnName = SelfTrainingDefaults.FeatureColumnName,
        double confidenceThreshold = SelfTrainingDefaults.ConfidenceThreshold,
        int? maximumNumberOfIterations = SelfTrainingDefaults.MaximumNumberOfIterations)
        where TModel : class
        => SelfTraining(multiclassTrainer, Options(labelColumnName, featureColumnName, confidenceThreshold, maximumNumberOfIterations));

    /// <summary>Self-training around a multiclass classification trainer, with every option.</summary>
    /// <typeparam name="TModel">The inner trainer's model parameters type.</typeparam>
    /// <param name="multiclassTrainer">Any ML.NET multiclass trainer, created with the column names of <paramref name="options"/>.</param>
    /// <param name="options">The self-training options.</param>
    /// <returns>The self-training estimator; its model is the inner trainer's transformer.</returns>
    /// <exception cref="ArgumentException">An option is invalid, or the trainer reads other columns than the options name.</exception>
    public SelfTrainingEstimator<MulticlassPredictionTransformer<TModel>> SelfTraining<TModel>(
        ITrainerEstimator<MulticlassPredictionTransformer<TModel>, TModel> multiclassTrainer,
        SelfTrainingOptions options)
        where TModel : class
        => new(Context, multiclassTrainer, LabelTask.Multiclass, options);

    private static SelfTrainingOptions Options(string labelColumnName, string featureColumnName, double confidenceThreshold, int? maximumNumberOfIterations) => new()
    {
        LabelColumnName = labelColumnName,
        FeatureColumnName = featureColumnName,
        ConfidenceThreshold = confidenceThreshold,
        MaximumNumberOfIterations = maximumNumberOfIterations,
    };
}
