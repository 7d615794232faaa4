using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Labels;

namespace Microsoft.ML.SemiSupervised.InnerTrainers;

/// <summary>
/// Predicts the output schema of a wrapper that hands its inner trainer a clean label (Boolean or key)
/// in place of the user's label, which may be Single, Double, key or text with missing values.
/// </summary>
/// <remarks>
/// The inner trainer's own <c>GetOutputSchema</c> would refuse the user's label type, so it is asked
/// about a stand-in input in which ML.NET's own conversion estimators have turned the label into the
/// type the trainer will really see (and added the example weight column self-training writes). ML.NET
/// keeps the constructors of schema shapes internal; conversion estimators are the public way to
/// change one. The new columns the trainer announces are appended to the user's columns.
/// </remarks>
internal static class TrainerOutputSchema
{
    /// <summary>The shape of the data scored by the inner trainer's model.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing.</exception>
    /// <exception cref="ArgumentException">A column is mistyped, or the label is of a kind ML.NET's evaluators would read otherwise than the model (text).</exception>
    public static SchemaShape Predict<TTransformer>(MLContext context, IEstimator<TTransformer> trainer, SchemaShape input, LabelTask task, string label, string feature, string? weight, string technique)
        where TTransformer : ITransformer
    {
        ArgumentNullException.ThrowIfNull(input);
        ShapeColumns.CheckFeature(input, feature, nameof(input));
        var kind = ShapeColumns.CheckLabel(input, label, nameof(input));
        EvaluatorLabelRule.CheckType(kind, ShapeColumns.Find(input, label)!.Value.ItemType, label, task, technique);

        var standIn = input;
        var conversions = context.Transforms;
        if (weight is not null && ShapeColumns.Find(input, weight) is null)
            standIn = conversions.Conversion.ConvertType(weight, label, DataKind.Single).GetOutputSchema(standIn);
        if (task == LabelTask.Binary && kind != LabelKind.Boolean)
            standIn = conversions.Conversion.ConvertType(label, label, DataKind.Boolean).GetOutputSchema(standIn);
        else if (task == LabelTask.Multiclass && kind != LabelKind.Key)
            standIn = conversions.Conversion.MapValueToKey(label, label).GetOutputSchema(standIn);

        var output = trainer.GetOutputSchema(standIn);
        var standInNames = standIn.Select(c => c.Name).ToHashSet();
        var added = output.Where(c => !standInNames.Contains(c.Name)).ToArray();
        var addedNames = added.Select(c => c.Name).ToHashSet();
        return new SchemaShape(input.Where(c => !addedNames.Contains(c.Name)).Concat(added));
    }
}
