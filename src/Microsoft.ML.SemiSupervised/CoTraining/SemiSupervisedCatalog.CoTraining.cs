using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.CoTraining;
using Microsoft.ML.SemiSupervised.InnerTrainers;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.Trainers;

namespace Microsoft.ML.SemiSupervised;

public sealed partial class SemiSupervisedCatalog
{
    /// <summary>
    /// Co-training with two binary classification trainers, one per view: each view's model labels the unlabeled
    /// rows it is most confident about for the other; the model combines both views' probabilities.
    /// </summary>
    /// <typeparam name="TFirstModel">The first view trainer's model parameters type.</typeparam>
    /// <typeparam name="TSecondModel">The second view trainer's model parameters type.</typeparam>
    /// <param name="firstViewTrainer">Any ML.NET binary trainer reading <paramref name="featureColumnName"/> as its feature column.</param>
    /// <param name="secondViewTrainer">
    /// Any ML.NET binary trainer (the same or another) reading <paramref name="secondViewColumnName"/>, or, when that is
    /// null, <paramref name="featureColumnName"/>, which is then split into two random halves of its slots.
    /// </param>
    /// <param name="labelColumnName">The label column: Single or Double (0, 1, NaN for unlabeled), a key or text with two values.</param>
    /// <param name="featureColumnName">The first view's feature column: a known-size vector of Single.</param>
    /// <param name="secondViewColumnName">The second view's feature column, or null to split the first column into two views.</param>
    /// <param name="poolSize">How many unlabeled rows the models score each round.</param>
    /// <param name="maximumNumberOfIterations">The most rounds, or null for no limit.</param>
    /// <returns>The co-training estimator.</returns>
    /// <example>
    /// <code language="csharp">
    /// var coTraining = mlContext.SemiSupervised.CoTraining(
    ///     mlContext.BinaryClassification.Trainers.LightGbm(featureColumnName: "PageText"),
    ///     mlContext.BinaryClassification.Trainers.LightGbm(featureColumnName: "AnchorText"),
    ///     featureColumnName: "PageText", secondViewColumnName: "AnchorText");
    /// var model = coTraining.Fit(dataWithSomeLabelsMissing);
    /// </code>
    /// </example>
    public CoTrainingEstimator CoTraining<TFirstModel, TSecondModel>(
        ITrainerEstimator<BinaryPredictionTransformer<TFirstModel>, TFirstModel> firstViewTrainer,
        ITrainerEstimator<BinaryPredictionTransformer<TSecondModel>, TSecondModel> secondViewTrainer,
        string labelColumnName = CoTrainingDefaults.LabelColumnName,
        string featureColumnName = CoTrainingDefaults.FeatureColumnName,
        string? secondViewColumnName = null,
        int poolSize = CoTrainingDefaults.PoolSize,
        int? maximumNumberOfIterations = CoTrainingDefaults.MaximumNumberOfIterations)
        where TFirstModel : class
        where TSecondModel : class
        => CoTraining(firstViewTrainer, secondViewTrainer, CoTrainingOptions(labelColumnName, featureColumnName, secondViewColumnName, poolSize, maximumNumberOfIterations));

    /// <summary>Co-training with two binary classification trainers, with every option.</summary>
    /// <typeparam name="TFirstModel">The first view trainer's model parameters type.</typeparam>
    /// <typeparam name="TSecondModel">The second view trainer's model parameters type.</typeparam>
    /// <param name="firstViewTrainer">Any ML.NET binary trainer reading the first view's column.</param>
    /// <param name="secondViewTrainer">Any ML.NET binary trainer reading the second view's column (the first when it is split).</param>
    /// <param name="options">The co-training options.</param>
    /// <returns>The co-training estimator.</returns>
    /// <exception cref="ArgumentException">An option is invalid, or a trainer reads other columns than the options name.</exception>
    public CoTrainingEstimator CoTraining<TFirstModel, TSecondModel>(
        ITrainerEstimator<BinaryPredictionTransformer<TFirstModel>, TFirstModel> firstViewTrainer,
        ITrainerEstimator<BinaryPredictionTransformer<TSecondModel>, TSecondModel> secondViewTrainer,
        CoTrainingOptions options)
        where TFirstModel : class
        where TSecondModel : class
        => new(Context, TrainerSource<ITransformer>.Of(firstViewTrainer), TrainerSource<ITransformer>.Of(secondViewTrainer), LabelTask.Binary, options);

    /// <summary>
    /// Co-training with two binary classification trainers created anew for every fit, with every option.
    /// </summary>
    /// <remarks>
    /// Use factories for trainers that keep state between fits: ML.NET's SDCA trainers tune their
    /// regularization and number of iterations on their first fit and keep them, so one instance would
    /// train every round with what suited the labeled rows alone.
    /// </remarks>
    /// <typeparam name="TFirstModel">The first view trainer's model parameters type.</typeparam>
    /// <typeparam name="TSecondModel">The second view trainer's model parameters type.</typeparam>
    /// <param name="createFirstViewTrainer">Creates a new binary trainer reading the first view's column each time it is called.</param>
    /// <param name="createSecondViewTrainer">Creates a new binary trainer reading the second view's column (the first when it is split) each time it is called.</param>
    /// <param name="options">The co-training options; null for the defaults.</param>
    /// <returns>The co-training estimator.</returns>
    /// <exception cref="ArgumentException">An option is invalid, or a trainer reads other columns than the options name.</exception>
    /// <example>
    /// <code language="csharp">
    /// var coTraining = mlContext.SemiSupervised.CoTraining(
    ///     () => mlContext.BinaryClassification.Trainers.SdcaLogisticRegression(featureColumnName: "PageText"),
    ///     () => mlContext.BinaryClassification.Trainers.SdcaLogisticRegression(featureColumnName: "AnchorText"),
    ///     new CoTrainingOptions { FeatureColumnName = "PageText", SecondViewColumnName = "AnchorText" });
    /// </code>
    /// </example>
    public CoTrainingEstimator CoTraining<TFirstModel, TSecondModel>(
        Func<ITrainerEstimator<BinaryPredictionTransformer<TFirstModel>, TFirstModel>> createFirstViewTrainer,
        Func<ITrainerEstimator<BinaryPredictionTransformer<TSecondModel>, TSecondModel>> createSecondViewTrainer,
        CoTrainingOptions? options = null)
        where TFirstModel : class
        where TSecondModel : class
        => new(Context, TrainerSource<ITransformer>.From(createFirstViewTrainer), TrainerSource<ITransformer>.From(createSecondViewTrainer), LabelTask.Binary, options ?? new CoTrainingOptions());

    /// <summary>
    /// Co-training with two multiclass classification trainers, one per view: each view's model labels the unlabeled
    /// rows it is most confident about, per class, for the other; the model combines both views' class probabilities.
    /// </summary>
    /// <typeparam name="TFirstModel">The first view trainer's model parameters type.</typeparam>
    /// <typeparam name="TSecondModel">The second view trainer's model parameters type.</typeparam>
    /// <param name="firstViewTrainer">
    /// Any ML.NET multiclass trainer whose Score is a probability distribution (LbfgsMaximumEntropy, SdcaMaximumEntropy,
    /// LightGbm, OneVersusAll), reading <paramref name="featureColumnName"/> as its feature column.
    /// </param>
    /// <param name="secondViewTrainer">
    /// Any such trainer (the same or another) reading <paramref name="secondViewColumnName"/>, or, when that is null,
    /// <paramref name="featureColumnName"/>, which is then split into two random halves of its slots.
    /// </param>
    /// <param name="labelColumnName">The label column: a key (the missing key for unlabeled), Single or Double (NaN) or text (empty).</param>
    /// <param name="featureColumnName">The first view's feature column: a known-size vector of Single.</param>
    /// <param name="secondViewColumnName">The second view's feature column, or null to split the first column into two views.</param>
    /// <param name="poolSize">How many unlabeled rows the models score each round.</param>
    /// <param name="maximumNumberOfIterations">The most rounds, or null for no limit.</param>
    /// <returns>The co-training estimator.</returns>
    /// <example>
    /// <code language="csharp">
    /// var coTraining = mlContext.SemiSupervised.CoTraining(
    ///     mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy(featureColumnName: "Top"),
    ///     mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy(featureColumnName: "Bottom"),
    ///     featureColumnName: "Top", secondViewColumnName: "Bottom");
    /// var model = coTraining.Fit(dataWithSomeLabelsMissing);
    /// </code>
    /// </example>
    public CoTrainingEstimator CoTraining<TFirstModel, TSecondModel>(
        ITrainerEstimator<MulticlassPredictionTransformer<TFirstModel>, TFirstModel> firstViewTrainer,
        ITrainerEstimator<MulticlassPredictionTransformer<TSecondModel>, TSecondModel> secondViewTrainer,
        string labelColumnName = CoTrainingDefaults.LabelColumnName,
        string featureColumnName = CoTrainingDefaults.FeatureColumnName,
        string? secondViewColumnName = null,
        int poolSize = CoTrainingDefaults.PoolSize,
        int? maximumNumberOfIterations = CoTrainingDefaults.MaximumNumberOfIterations)
        where TFirstModel : class
        where TSecondModel : class
        => CoTraining(firstViewTrainer, secondViewTrainer, CoTrainingOptions(labelColumnName, featureColumnName, secondViewColumnName, poolSize, maximumNumberOfIterations));

    /// <summary>Co-training with two multiclass classification trainers, with every option.</summary>
    /// <typeparam name="TFirstModel">The first view trainer's model parameters type.</typeparam>
    /// <typeparam name="TSecondModel">The second view trainer's model parameters type.</typeparam>
    /// <param name="firstViewTrainer">Any ML.NET multiclass trainer reading the first view's column.</param>
    /// <param name="secondViewTrainer">Any ML.NET multiclass trainer reading the second view's column (the first when it is split).</param>
    /// <param name="options">The co-training options.</param>
    /// <returns>The co-training estimator.</returns>
    /// <exception cref="ArgumentException">An option is invalid, or a trainer reads other columns than the options name.</exception>
    public CoTrainingEstimator CoTraining<TFirstModel, TSecondModel>(
        ITrainerEstimator<MulticlassPredictionTransformer<TFirstModel>, TFirstModel> firstViewTrainer,
        ITrainerEstimator<MulticlassPredictionTransformer<TSecondModel>, TSecondModel> secondViewTrainer,
        CoTrainingOptions options)
        where TFirstModel : class
        where TSecondModel : class
        => new(Context, TrainerSource<ITransformer>.Of(firstViewTrainer), TrainerSource<ITransformer>.Of(secondViewTrainer), LabelTask.Multiclass, options);

    /// <summary>
    /// Co-training with two multiclass classification trainers created anew for every fit, with every option.
    /// </summary>
    /// <remarks>
    /// Use factories for trainers that keep state between fits: ML.NET's SDCA trainers tune their
    /// regularization and number of iterations on their first fit and keep them, so one instance would
    /// train every round with what suited the labeled rows alone.
    /// </remarks>
    /// <typeparam name="TFirstModel">The first view trainer's model parameters type.</typeparam>
    /// <typeparam name="TSecondModel">The second view trainer's model parameters type.</typeparam>
    /// <param name="createFirstViewTrainer">Creates a new multiclass trainer reading the first view's column each time it is called.</param>
    /// <param name="createSecondViewTrainer">Creates a new multiclass trainer reading the second view's column (the first when it is split) each time it is called.</param>
    /// <param name="options">The co-training options; null for the defaults.</param>
    /// <returns>The co-training estimator.</returns>
    /// <exception cref="ArgumentException">An option is invalid, or a trainer reads other columns than the options name.</exception>
    /// <example>
    /// <code language="csharp">
    /// var coTraining = mlContext.SemiSupervised.CoTraining(
    ///     () => mlContext.MulticlassClassification.Trainers.SdcaMaximumEntropy(featureColumnName: "Top"),
    ///     () => mlContext.MulticlassClassification.Trainers.SdcaMaximumEntropy(featureColumnName: "Bottom"),
    ///     new CoTrainingOptions { FeatureColumnName = "Top", SecondViewColumnName = "Bottom" });
    /// </code>
    /// </example>
    public CoTrainingEstimator CoTraining<TFirstModel, TSecondModel>(
        Func<ITrainerEstimator<MulticlassPredictionTransformer<TFirstModel>, TFirstModel>> createFirstViewTrainer,
        Func<ITrainerEstimator<MulticlassPredictionTransformer<TSecondModel>, TSecondModel>> createSecondViewTrainer,
        CoTrainingOptions? options = null)
        where TFirstModel : class
        where TSecondModel : class
        => new(Context, TrainerSource<ITransformer>.From(createFirstViewTrainer), TrainerSource<ITransformer>.From(createSecondViewTrainer), LabelTask.Multiclass, options ?? new CoTrainingOptions());

    private static CoTrainingOptions CoTrainingOptions(string labelColumnName, string featureColumnName, string? secondViewColumnName, int poolSize, int? maximumNumberOfIterations) => new()
    {
        LabelColumnName = labelColumnName,
        FeatureColumnName = featureColumnName,
        SecondViewColumnName = secondViewColumnName,
        PoolSize = poolSize,
        MaximumNumberOfIterations = maximumNumberOfIterations,
    };
}
