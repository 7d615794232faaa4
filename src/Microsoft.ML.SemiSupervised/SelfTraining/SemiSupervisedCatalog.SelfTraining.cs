using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.InnerTrainers;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.Selection;
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
    /// The label column: Single or Double (0, 1, NaN for unlabeled), Boolean, or a key with two values (the missing key
    /// for unlabeled; the first key value is false). A text label is refused: key it with MapValueToKey first.
    /// </param>
    /// <param name="featureColumnName">The feature column: a known-size vector of Single.</param>
    /// <param name="confidenceThreshold">
    /// The probability an unlabeled row's predicted class needs to become its pseudo-label, in (0, 1]. The rows are taken
    /// in the labeled class proportions (<see cref="ClassBalancedSelection"/>) and a quarter of the labeled rows guards
    /// against wrong pseudo-labels (<see cref="SelfTrainingOptions.HoldOutFraction"/>), as in <see cref="SelfTrainingOptions"/>'s defaults.
    /// </param>
    /// <param name="maximumNumberOfIterations">The most iterations, or null for no limit.</param>
    /// <returns>The self-training estimator; its model is the inner trainer's transformer.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceThreshold"/> is not in (0, 1].</exception>
    /// <example>
    /// <code language="csharp">
    /// var pipeline = mlContext.SemiSupervised.SelfTraining(
    ///     mlContext.BinaryClassification.Trainers.LightGbm());
    /// var model = pipeline.Fit(dataWithSomeLabelsMissing);
    /// </code>
    /// </example>
    public SelfTrainingEstimator<BinaryPredictionTransformer<TModel>, TModel> SelfTraining<TModel>(
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
    public SelfTrainingEstimator<BinaryPredictionTransformer<TModel>, TModel> SelfTraining<TModel>(
        ITrainerEstimator<BinaryPredictionTransformer<TModel>, TModel> binaryTrainer,
        SelfTrainingOptions options)
        where TModel : class
        => new(Context, TrainerSource<BinaryPredictionTransformer<TModel>>.Of(binaryTrainer), LabelTask.Binary, options);

    /// <summary>
    /// Self-training around a binary classification trainer created anew for every fit, with every option.
    /// </summary>
    /// <remarks>
    /// Use a factory for trainers that keep state between fits: ML.NET's SDCA trainers tune their
    /// regularization and number of iterations on their first fit and keep them, so one instance would
    /// train every iteration with what suited the labeled rows alone.
    /// </remarks>
    /// <typeparam name="TModel">The inner trainer's model parameters type.</typeparam>
    /// <param name="createBinaryTrainer">Creates a new binary trainer, with the column names of <paramref name="options"/>, each time it is called.</param>
    /// <param name="options">The self-training options; null for the defaults.</param>
    /// <returns>The self-training estimator; its model is the inner trainer's transformer.</returns>
    /// <exception cref="ArgumentException">An option is invalid, or the trainer reads other columns than the options name.</exception>
    /// <example>
    /// <code language="csharp">
    /// var pipeline = mlContext.SemiSupervised.SelfTraining(
    ///     () => mlContext.BinaryClassification.Trainers.SdcaLogisticRegression());
    /// </code>
    /// </example>
    public SelfTrainingEstimator<BinaryPredictionTransformer<TModel>, TModel> SelfTraining<TModel>(
        Func<ITrainerEstimator<BinaryPredictionTransformer<TModel>, TModel>> createBinaryTrainer,
        SelfTrainingOptions? options = null)
        where TModel : class
        => new(Context, TrainerSource<BinaryPredictionTransformer<TModel>>.From(createBinaryTrainer), LabelTask.Binary, options ?? new SelfTrainingOptions());

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
    /// The label column: a key (the missing key for unlabeled), or Single or Double with classes 0..K-1 (NaN for
    /// unlabeled), as ML.NET's evaluators read it. Other labels, text among them, are refused: key them with
    /// MapValueToKey first. The inner trainer gets a key label whose values are the label's own.
    /// </param>
    /// <param name="featureColumnName">The feature column: a known-size vector of Single.</param>
    /// <param name="confidenceThreshold">
    /// The probability an unlabeled row's predicted class needs to become its pseudo-label, in (0, 1]. The rows are taken
    /// in the labeled class proportions (<see cref="ClassBalancedSelection"/>) and a quarter of the labeled rows guards
    /// against wrong pseudo-labels (<see cref="SelfTrainingOptions.HoldOutFraction"/>), as in <see cref="SelfTrainingOptions"/>'s defaults.
    /// </param>
    /// <param name="maximumNumberOfIterations">The most iterations, or null for no limit.</param>
    /// <returns>The self-training estimator; its model is the inner trainer's transformer.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceThreshold"/> is not in (0, 1].</exception>
    /// <example>
    /// <code language="csharp">
    /// var pipeline = mlContext.SemiSupervised.SelfTraining(
    ///     mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy());
    /// var model = pipeline.Fit(dataWithSomeLabelsMissing);
    /// </code>
    /// </example>
    public SelfTrainingEstimator<MulticlassPredictionTransformer<TModel>, TModel> SelfTraining<TModel>(
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
    public SelfTrainingEstimator<MulticlassPredictionTransformer<TModel>, TModel> SelfTraining<TModel>(
        ITrainerEstimator<MulticlassPredictionTransformer<TModel>, TModel> multiclassTrainer,
        SelfTrainingOptions options)
        where TModel : class
        => new(Context, TrainerSource<MulticlassPredictionTransformer<TModel>>.Of(multiclassTrainer), LabelTask.Multiclass, options);

    /// <summary>
    /// Self-training around a multiclass classification trainer created anew for every fit, with every option.
    /// </summary>
    /// <remarks>
    /// Use a factory for trainers that keep state between fits: ML.NET's SDCA trainers tune their
    /// regularization and number of iterations on their first fit and keep them, so one instance would
    /// train every iteration with what suited the labeled rows alone.
    /// </remarks>
    /// <typeparam name="TModel">The inner trainer's model parameters type.</typeparam>
    /// <param name="createMulticlassTrainer">Creates a new multiclass trainer, with the column names of <paramref name="options"/>, each time it is called.</param>
    /// <param name="options">The self-training options; null for the defaults.</param>
    /// <returns>The self-training estimator; its model is the inner trainer's transformer.</returns>
    /// <exception cref="ArgumentException">An option is invalid, or the trainer reads other columns than the options name.</exception>
    /// <example>
    /// <code language="csharp">
    /// var pipeline = mlContext.SemiSupervised.SelfTraining(
    ///     () => mlContext.MulticlassClassification.Trainers.SdcaMaximumEntropy());
    /// </code>
    /// </example>
    public SelfTrainingEstimator<MulticlassPredictionTransformer<TModel>, TModel> SelfTraining<TModel>(
        Func<ITrainerEstimator<MulticlassPredictionTransformer<TModel>, TModel>> createMulticlassTrainer,
        SelfTrainingOptions? options = null)
        where TModel : class
        => new(Context, TrainerSource<MulticlassPredictionTransformer<TModel>>.From(createMulticlassTrainer), LabelTask.Multiclass, options ?? new SelfTrainingOptions());

    private static SelfTrainingOptions Options(string labelColumnName, string featureColumnName, double confidenceThreshold, int? maximumNumberOfIterations) => new()
    {
        LabelColumnName = labelColumnName,
        FeatureColumnName = featureColumnName,
        Selection = SelfTrainingDefaults.Selection(confidenceThreshold),
        MaximumNumberOfIterations = maximumNumberOfIterations,
    };
}
