using Microsoft.ML.Trainers;

namespace Microsoft.ML.SemiSupervised.InnerTrainers;

/// <summary>
/// The label, feature and weight column names an inner trainer was created with, where ML.NET exposes
/// them (the public <see cref="TrainerEstimatorBase{TTransformer, TModel}.LabelColumn"/>,
/// <see cref="TrainerEstimatorBase{TTransformer, TModel}.FeatureColumn"/> and
/// <see cref="TrainerEstimatorBase{TTransformer, TModel}.WeightColumn"/>), so that a wrapper can refuse a
/// trainer that reads other columns than it writes.
/// </summary>
internal sealed record InnerTrainerColumns(string? Label, string? Feature, string? Weight)
{
    /// <summary>
    /// The names of <paramref name="trainer"/>'s columns, or null when the trainer does not expose them (it does not
    /// derive from <see cref="TrainerEstimatorBase{TTransformer, TModel}"/>, as ML.NET's meta-trainers such as
    /// OneVersusAll).
    /// </summary>
    public static InnerTrainerColumns? Of<TTransformer, TModel>(ITrainerEstimator<TTransformer, TModel> trainer)
        where TTransformer : class, ISingleFeaturePredictionTransformer<TModel>
        where TModel : class
        => trainer is TrainerEstimatorBase<TTransformer, TModel> known
            ? new InnerTrainerColumns(NameOf(known.LabelColumn), NameOf(known.FeatureColumn), NameOf(known.WeightColumn))
            : null;

    /// <summary>Throws when the trainer reads other columns than the wrapper writes.</summary>
    /// <exception cref="ArgumentException">A column name differs.</exception>
    public void CheckMatches(string label, string feature, string? weight, string wrapperName)
    {
        Check("label", Label, label, wrapperName);
        Check("feature", Feature, feature, wrapperName);
        if (Weight != weight)
        {
            throw new ArgumentException(weight is null
                ? $"The inner trainer reads example weight column '{Weight}', but {wrapperName} was given no ExampleWeightColumnName. Pass exampleWeightColumnName: \"{Weight}\" to {wrapperName} as well."
                : Weight is null
                    ? $"{wrapperName} writes example weight column '{weight}', but the inner trainer reads none, so the weights would be ignored. Create the inner trainer with exampleWeightColumnName: \"{weight}\"."
                    : $"The inner trainer reads example weight column '{Weight}', but {wrapperName} writes '{weight}'. Give both the same name.");
        }
    }

    private static void Check(string role, string? trainerColumn, string wrapperColumn, string wrapperName)
    {
        if (trainerColumn is not null && trainerColumn != wrapperColumn)
        {
            throw new ArgumentException(
                $"The inner trainer reads {role} column '{trainerColumn}', but {wrapperName} was given {role} column '{wrapperColumn}'. Give both the same name.");
        }
    }

    private static string? NameOf(SchemaShape.Column column) => column.Name is { Length: > 0 } name ? name : null;
}
