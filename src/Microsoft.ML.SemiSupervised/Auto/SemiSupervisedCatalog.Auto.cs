using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Auto;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.Trainers;

namespace Microsoft.ML.SemiSupervised;

public sealed partial class SemiSupervisedCatalog
{
    /// <summary>
    /// Chooses between a binary trainer and semi-supervised learning around it, on your labeled rows: guarded
    /// self-training, label spreading then the trainer, co-training and tri-training are cross-validated against the
    /// trainer alone, and one is fitted only when it beats the trainer with confidence; otherwise the trainer is.
    /// </summary>
    /// <typeparam name="TModel">The trainer's model parameters type.</typeparam>
    /// <param name="createBinaryTrainer">
    /// Creates a new binary trainer, with the column names of <paramref name="options"/>, each time it is called (Auto
    /// fits many times).
    /// </param>
    /// <param name="options">The options; null for the defaults.</param>
    /// <returns>The auto estimator; its model is the chosen model with the report of the choice.</returns>
    /// <exception cref="ArgumentException">An option is invalid, or the trainer reads other columns than the options name.</exception>
    /// <example>
    /// <code language="csharp">
    /// var auto = mlContext.SemiSupervised.Auto(() => mlContext.BinaryClassification.Trainers.LbfgsLogisticRegression());
    /// var model = auto.Fit(dataWithSomeLabelsMissing);
    /// Console.WriteLine(model.Report);   // "auto: chose Supervised: no candidate beat the supervised trainer ..."
    /// </code>
    /// </example>
    public AutoEstimator Auto<TModel>(Func<ITrainerEstimator<BinaryPredictionTransformer<TModel>, TModel>> createBinaryTrainer, AutoOptions? options = null)
        where TModel : class
    {
        ArgumentNullException.ThrowIfNull(createBinaryTrainer);
        return AutoEstimator.Create(Context, createBinaryTrainer, LabelTask.Binary, options);
    }

    /// <summary>
    /// Chooses between a multiclass trainer and semi-supervised learning around it, on your labeled rows: guarded
    /// self-training, label spreading then the trainer, co-training and tri-training are cross-validated against the
    /// trainer alone, and one is fitted only when it beats the trainer with confidence; otherwise the trainer is.
    /// </summary>
    /// <typeparam name="TModel">The trainer's model parameters type.</typeparam>
    /// <param name="createMulticlassTrainer">
    /// Creates a new multiclass trainer whose Score is a probability distribution, with the column names of
    /// <paramref name="options"/>, each time it is called (Auto fits many times).
    /// </param>
    /// <param name="options">The options; null for the defaults.</param>
    /// <returns>The auto estimator; its model is the chosen model with the report of the choice.</returns>
    /// <exception cref="ArgumentException">An option is invalid, or the trainer reads other columns than the options name.</exception>
    /// <example>
    /// <code language="csharp">
    /// var auto = mlContext.SemiSupervised.Auto(() => mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy());
    /// var model = auto.Fit(dataWithSomeLabelsMissing);
    /// </code>
    /// </example>
    public AutoEstimator Auto<TModel>(Func<ITrainerEstimator<MulticlassPredictionTransformer<TModel>, TModel>> createMulticlassTrainer, AutoOptions? options = null)
        where TModel : class
    {
        ArgumentNullException.ThrowIfNull(createMulticlassTrainer);
        return AutoEstimator.Create(Context, createMulticlassTrainer, LabelTask.Multiclass, options);
    }
}
