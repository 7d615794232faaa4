using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.CoTraining;
using Microsoft.ML.SemiSupervised.InnerTrainers;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.SelfTraining;
using Microsoft.ML.SemiSupervised.TriTraining;

namespace Microsoft.ML.SemiSupervised.Auto;

/// <summary>The supervised baseline and the default candidates of <see cref="AutoEstimator"/>, built from the user's trainer factory.</summary>
internal static class AutoCandidates
{
    /// <summary>The supervised trainer on the labeled rows.</summary>
    public static Func<IEstimator<ITransformer>> Supervised<TTransformer>(MLContext context, TrainerSource<TTransformer> trainers, LabelTask task, AutoOptions options)
        where TTransformer : class, ITransformer
    {
        string label = options.LabelColumnName, feature = options.FeatureColumnName;
        return () => new LabeledRowsTrainer<TTransformer>(context, trainers, task, label, feature, null);
    }

    /// <summary>
    /// Self-training with its defaults (class-balanced selection at confidence 0.9, a quarter of each class's labels held
    /// out to watch accuracy), label spreading then the trainer, co-training with a random split of the features, and
    /// tri-training.
    /// </summary>
    public static IReadOnlyList<AutoCandidate> Defaults<TTransformer, TModel>(MLContext context, TrainerSource<TTransformer> trainers, TrainerSource<ITransformer> untypedTrainers,
        LabelTask task, AutoOptions options)
        where TTransformer : class, ISingleFeaturePredictionTransformer<TModel>
        where TModel : class
    {
        string label = options.LabelColumnName, feature = options.FeatureColumnName;
        var token = options.CancellationToken;
        int? iterations = options.MaximumNumberOfIterations;
        return
        [
            new(AutoDefaults.SelfTrainingName, seed => new SelfTrainingEstimator<TTransformer, TModel>(context, trainers, task, new SelfTrainingOptions
            {
                LabelColumnName = label, FeatureColumnName = feature, Seed = seed, CancellationToken = token,
                MaximumNumberOfIterations = iterations ?? new SelfTrainingOptions().MaximumNumberOfIterations,
            }), null),
            new(AutoDefaults.LabelSpreadingName, seed => new LabeledRowsTrainer<TTransformer>(context, trainers, task, label, feature, new LabelSpreadingOptions
            {
                LabelColumnName = label, FeatureColumnName = feature, Seed = seed, CancellationToken = token,
                MaximumNumberOfIterations = iterations ?? new LabelSpreadingOptions().MaximumNumberOfIterations,
            }), null),
            new(AutoDefaults.CoTrainingName, seed => new CoTrainingEstimator(context, untypedTrainers, untypedTrainers, task, new CoTrainingOptions
            {
                LabelColumnName = label, FeatureColumnName = feature, Seed = seed, CancellationToken = token,
                MaximumNumberOfIterations = iterations ?? new CoTrainingOptions().MaximumNumberOfIterations,
            }), schema => FeatureSlots(schema, feature) < 2
                ? $"co-training splits the features into two views and needs at least 2 feature slots; column '{feature}' has {FeatureSlots(schema, feature)}"
                : null),
            new(AutoDefaults.TriTrainingName, seed => new TriTrainingEstimator(context, [untypedTrainers, untypedTrainers, untypedTrainers], task, new TriTrainingOptions
            {
                LabelColumnName = label, FeatureColumnName = feature, Seed = seed, CancellationToken = token,
                MaximumNumberOfIterations = iterations ?? new TriTrainingOptions().MaximumNumberOfIterations,
            }), null),
        ];
    }

    private static int FeatureSlots(DataViewSchema schema, string feature) =>
        schema.GetColumnOrNull(feature)?.Type is VectorDataViewType vector ? vector.Size : 0;
}
