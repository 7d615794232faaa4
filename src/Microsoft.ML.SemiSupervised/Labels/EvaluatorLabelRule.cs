using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.Labels;

/// <summary>
/// The labels a trainer-based estimator (self-, co- and tri-training) accepts: those that ML.NET's evaluators read
/// the way the fitted model does, so that <c>mlContext.BinaryClassification.Evaluate</c> and
/// <c>mlContext.MulticlassClassification.Evaluate</c> on test rows of the same form give the true metrics.
/// </summary>
/// <remarks>
/// What Microsoft.ML 5.0.1 does (pinned by MlNetLabelBehaviourTests): the multiclass evaluator reads a key label
/// as its key index and a Single label as the class number itself, and refuses text; the binary evaluator reads a
/// numeric label as true when it is above 0, a two-valued key label's first value as false, and refuses text.
/// So: key and Boolean labels are accepted; a binary Single or Double label must be 0, 1 or NaN (checked when the
/// labels are read); a multiclass Single or Double label is accepted when its labeled classes are exactly
/// 0, 1, ..., K-1 (then the model's class index equals the value); a text label is refused. ML.NET's own
/// trainers refuse every label but Boolean (binary) and key (multiclass); the fix named in each message is theirs.
/// </remarks>
internal static class EvaluatorLabelRule
{
    /// <summary>
    /// Throws when the label column's type alone rules it out (text). Does nothing when the column is missing or of
    /// an unsupported type: reading the data reports those.
    /// </summary>
    /// <exception cref="ArgumentException">The label is text.</exception>
    public static void CheckType(DataViewSchema schema, string columnName, LabelTask task, string technique)
    {
        if (schema.GetColumnOrNull(columnName) is { } column)
            CheckType(LabelColumnReader.KindOf(column.Type), column.Type, columnName, task, technique);
    }

    /// <summary>As <see cref="CheckType(DataViewSchema, string, LabelTask, string)"/>, for a label of a known kind.</summary>
    /// <exception cref="ArgumentException">The label is text.</exception>
    public static void CheckType(LabelKind? kind, DataViewType type, string columnName, LabelTask task, string technique)
    {
        if (kind == LabelKind.Text)
            throw new ArgumentException(ErrorMessages.LabelNeedsKey(columnName, task, technique, type, null));
    }

    /// <summary>
    /// Throws when a multiclass numeric label's classes are not exactly 0, 1, ..., K-1, which ML.NET's multiclass
    /// evaluator would read as other classes than the model's.
    /// </summary>
    /// <exception cref="ArgumentException">The classes are other numbers.</exception>
    public static void CheckClasses(LabelSet labels, string columnName, LabelTask task, string technique)
    {
        var catalog = labels.Catalog;
        if (task != LabelTask.Multiclass || catalog.Kind is not (LabelKind.Single or LabelKind.Double))
            return;
        if (!AreClassIndexes(catalog))
            throw new ArgumentException(ErrorMessages.LabelNeedsKey(columnName, task, technique, catalog.LabelType, catalog.Names));
    }

    /// <summary>Whether a numeric label's classes are exactly 0, 1, ..., K-1 (each value its class index).</summary>
    public static bool AreClassIndexes(ClassCatalog catalog)
    {
        for (int i = 0; i < catalog.Count; i++)
        {
            if (catalog.NumberOf(i) != i)
                return false;
        }
        return true;
    }
}
