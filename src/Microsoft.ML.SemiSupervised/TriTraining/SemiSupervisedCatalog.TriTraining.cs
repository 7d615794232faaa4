using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.InnerTrainers;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.TriTraining;
using Microsoft.ML.Trainers;

namespace Microsoft.ML.SemiSupervised;

public sealed partial class SemiSupervisedCatalog
{
    /// <summary>
    /// Tri-training with one binary classification trainer used three times: three models from bootstrap samples of
    /// the labeled rows teach each other the unlabeled rows two of them agree on; the model takes their majority vote.
    /// </summary>
    /// <typeparam name="TModel">The trainer's model parameters type.</typeparam>
    /// <param name="binaryTrainer">Any ML.NET binary trainer, created with the same label and feature column names.</param>
    /// <param name="labelColumnName">The label column: Single or Double (0, 1, NaN for unlabeled), a key or text with two values.</param>
    /// <param name="featureColumnName">The feature column: a known-size vector of Single.</param>
    /// <param name="maximumNumberOfIterations">The most rounds, or null for no limit.</param>
    /// <returns>The tri-training estimator.</returns>
    /// <example>
    /// <code language="csharp">
    /// var triTraining = mlContext.SemiSupervised.TriTraining(mlContext.BinaryClassification.Trainers.FastTree());
    /// var model = triTraining.Fit(dataWithSomeLabelsMissing);
    /// </code>
    /// </example>
    public TriTrainingEstimator TriTraining<TModel>(
        ITrainerEstimator<BinaryPredictionTransformer<TModel>, TModel> binaryTrainer,
        string labelColumnName = TriTrainingDefaults.LabelColumnName,
        string featureColumnName = TriTrainingDefaults.FeatureColumnName,
        int? maximumNumberOfIterations = TriTrainingDefaults.MaximumNumberOfIterations)
        where TModel : class
        => TriTraining(binaryTrainer, TriTrainingOptions(labelColumnName, featureColumnName, maximumNumberOfIterations));

    /// <summary>Tri-training with one binary classification trainer used three times, with every option.</summary>
    /// <typeparam name="TModel">The trainer's model parameters type.</typeparam>
    /// <param name="binaryTrainer">Any ML.NET binary trainer, created with the column names of <paramref name="options"/>.</param>
    /// <param name="options">The tri-training options.</param>
    /// <returns>The tri-training estimator.</returns>
    /// <exception cref="ArgumentException">An option is invalid, or the trainer reads other columns than the options name.</exception>
    public TriTrainingEstimator TriTraining<TModel>(ITrainerEstimator<BinaryPredictionTransformer<TModel>, TModel> binaryTrainer, TriTrainingOptions options)
        where TModel : class
        => new(Context, [Instance(binaryTrainer), Instance(binaryTrainer), Instance(binaryTrainer)], LabelTask.Binary, options);

    /// <summary>
    /// Tri-training with a binary classification trainer created anew for every fit of each of the three models, with every option.
    /// </summary>
    /// <remarks>
    /// Use a factory for trainers that keep state between fits: ML.NET's SDCA trainers tune their
    /// regularization and number of iterations on their first fit and keep them, so one instance would
    /// train every model and round with what suited the first bootstrap sample alone.
    /// </remarks>
    /// <typeparam name="TModel">The trainer's model parameters type.</typeparam>
    /// <param name="createBinaryTrainer">Creates a new binary trainer, with the column names of <paramref name="options"/>, each time it is called.</param>
    /// <param name="options">The tri-training options; null for the defaults.</param>
    /// <returns>The tri-training estimator.</returns>
    /// <exception cref="ArgumentException">An option is invalid, or the trainer reads other columns than the options name.</exception>
    /// <example>
    /// <code language="csharp">
    /// var triTraining = mlContext.SemiSupervised.TriTraining(() => mlContext.BinaryClassification.Trainers.SdcaLogisticRegression());
    /// </code>
    /// </example>
    public TriTrainingEstimator TriTraining<TModel>(Func<ITrainerEstimator<BinaryPredictionTransformer<TModel>, TModel>> createBinaryTrainer, TriTrainingOptions? options = null)
        where TModel : class
    {
        var trainers = TrainerSource<ITransformer>.From(createBinaryTrainer);
        return new(Context, [trainers, trainers, trainers], LabelTask.Binary, options ?? new TriTrainingOptions());
    }

    /// <summary>Tri-training with three binary classification trainers, one per model, with every option.</summary>
    /// <typeparam name="TFirstModel">The first trainer's model parameters type.</typeparam>
    /// <typeparam name="TSecondModel">The second trainer's model parameters type.</typeparam>
    /// <typeparam name="TThirdModel">The third trainer's model parameters type.</typeparam>
    /// <param name="firstTrainer">The first model's trainer.</param>
    /// <param name="secondTrainer">The second model's trainer.</param>
    /// <param name="thirdTrainer">The third model's trainer.</param>
    /// <param name="options">The tri-training options.</param>
    /// <returns>The tri-training estimator.</returns>
    /// <exception cref="ArgumentException">An option is invalid, or a trainer reads other columns than the options name.</exception>
    public TriTrainingEstimator TriTraining<TFirstModel, TSecondModel, TThirdModel>(
        ITrainerEstimator<BinaryPredictionTransformer<TFirstModel>, TFirstModel> firstTrainer,
        ITrainerEstimator<BinaryPredictionTransformer<TSecondModel>, TSecondModel> secondTrainer,
        ITrainerEstimator<BinaryPredictionTransformer<TThirdModel>, TThirdModel> thirdTrainer,
        TriTrainingOptions options)
        where TFirstModel : class
        where TSecondModel : class
        where TThirdModel : class
        => new(Context, [Instance(firstTrainer), Instance(secondTrainer), Instance(thirdTrainer)], LabelTask.Binary, options);

    /// <summary>
    /// Tri-training with one multiclass classification trainer used three times: three models from bootstrap samples
    /// of the labeled rows teach each other the unlabeled rows two of them agree on; the model takes their majority vote.
    /// </summary>
    /// <typeparam name="TModel">The trainer's model parameters type.</typeparam>
    /// <param name="multiclassTrainer">
    /// Any ML.NET multiclass trainer whose Score is a probability distribution (LbfgsMaximumEntropy, SdcaMaximumEntropy,
    /// LightGbm, OneVersusAll), created with the same label and feature column names.
    /// </param>
    /// <param name="labelColumnName">The label column: a key (the missing key for unlabeled), Single or Double (NaN) or text (empty).</param>
    /// <param name="featureColumnName">The feature column: a known-size vector of Single.</param>
    /// <param name="maximumNumberOfIterations">The most rounds, or null for no limit.</param>
    /// <returns>The tri-training estimator.</returns>
    /// <example>
    /// <code language="csharp">
    /// var triTraining = mlContext.SemiSupervised.TriTraining(mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy());
    /// var model = triTraining.Fit(dataWithSomeLabelsMissing);
    /// </code>
    /// </example>
    public TriTrainingEstimator TriTraining<TModel>(
        ITrainerEstimator<MulticlassPredictionTransformer<TModel>, TModel> multiclassTrainer,
        string labelColumnName = TriTrainingDefaults.LabelColumnName,
        string featureColumnName = TriTrainingDefaults.FeatureColumnName,
        int? maximumNumberOfIterations = TriTrainingDefaults.MaximumNumberOfIterations)
        where TModel : class
        => TriTraining(multiclassTrainer, TriTrainingOptions(labelColumnName, featureColumnName, maximumNumberOfIterations));

    /// <summary>Tri-training with one multiclass classification trainer used three times, with every option.</summary>
    /// <typeparam name="TModel">The trainer's model parameters type.</typeparam>
    /// <param name="multiclassTrainer">Any ML.NET multiclass trainer, created with the column names of <paramref name="options"/>.</param>
    /// <param name="options">The tri-training options.</param>
    /// <returns>The tri-training estimator.</returns>
    /// <exception cref="ArgumentException">An option is invalid, or the trainer reads other columns than the options name.</exception>
    public TriTrainingEstimator TriTraining<TModel>(ITrainerEstimator<MulticlassPredictionTransformer<TModel>, TModel> multiclassTrainer, TriTrainingOptions options)
        where TModel : class
        => new(Context, [Instance(multiclassTrainer), Instance(multiclassTrainer), Instance(multiclassTrainer)], LabelTask.Multiclass, options);

    /// <summary>
    /// Tri-training with a multiclass classification trainer created anew for every fit of each of the three models, with every option.
    /// </summary>
    /// <remarks>
    /// Use a factory for trainers that keep state between fits: ML.NET's SDCA trainers tune their
    /// regularization and number of iterations on their first fit and keep them, so one instance would
    /// train every model and round with what suited the first bootstrap sample alone.
    /// </remarks>
    /// <typeparam name="TModel">The trainer's model parameters type.</typeparam>
    /// <param name="createMulticlassTrainer">Creates a new multiclass trainer, with the column names of <paramref name="options"/>, each time it is called.</param>
    /// <param name="options">The tri-training options; null for the defaults.</param>
    /// <returns>The tri-training estimator.</returns>
    /// <exception cref="ArgumentException">An option is invalid, or the trainer reads other columns than the options name.</exception>
    /// <example>
    /// <code language="csharp">
    /// var triTraining = mlContext.SemiSupervised.TriTraining(() => mlContext.MulticlassClassification.Trainers.SdcaMaximumEntropy());
    /// </code>
    /// </example>
    public TriTrainingEstimator TriTraining<TModel>(Func<ITrainerEstimator<MulticlassPredictionTransformer<TModel>, TModel>> createMulticlassTrainer, TriTrainingOptions? options = null)
        where TModel : class
    {
        var trainers = TrainerSource<ITransformer>.From(createMulticlassTrainer);
        return new(Context, [trainers, trainers, trainers], LabelTask.Multiclass, options ?? new TriTrainingOptions());
    }

    /// <summary>Tri-training with three multiclass classification trainers, one per model, with every option.</summary>
    /// <typeparam name="TFirstModel">The first trainer's model parameters type.</typeparam>
    /// <typeparam name="TSecondModel">The second trainer's model parameters type.</typeparam>
    /// <typeparam name="TThirdModel">The third trainer's model parameters type.</typeparam>
    /// <param name="firstTrainer">The first model's trainer.</param>
    /// <param name="secondTrainer">The second model's trainer.</param>
    /// <param name="thirdTrainer">The third model's trainer.</param>
    /// <param name="options">The tri-training options.</param>
    /// <returns>The tri-training estimator.</returns>
    /// <exception cref="ArgumentException">An option is invalid, or a trainer reads other columns than the options name.</exception>
    public TriTrainingEstimator TriTraining<TFirstModel, TSecondModel, TThirdModel>(
        ITrainerEstimator<MulticlassPredictionTransformer<TFirstModel>, TFirstModel> firstTrainer,
        ITrainerEstimator<MulticlassPredictionTransformer<TSecondModel>, TSecondModel> secondTrainer,
        ITrainerEstimator<MulticlassPredictionTransformer<TThirdModel>, TThirdModel> thirdTrainer,
        TriTrainingOptions options)
        where TFirstModel : class
        where TSecondModel : class
        where TThirdModel : class
        => new(Context, [Instance(firstTrainer), Instance(secondTrainer), Instance(thirdTrainer)], LabelTask.Multiclass, options);

    private static TrainerSource<ITransformer> Instance<TTransformer, TModel>(ITrainerEstimator<TTransformer, TModel> trainer)
        where TTransformer : class, ISingleFeaturePredictionTransformer<TModel>
        where TModel : class
        => TrainerSource<ITransformer>.Of(trainer);

    private static TriTrainingOptions TriTrainingOptions(string labelColumnName, string featureColumnName, int? maximumNumberOfIterations) => new()
    {
        LabelColumnName = labelColumnName,
        FeatureColumnName = featureColumnName,
        MaximumNumberOfIterations = maximumNumberOfIterations,
    };
}
