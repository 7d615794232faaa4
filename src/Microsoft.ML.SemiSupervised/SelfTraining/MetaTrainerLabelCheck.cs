using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.SelfTraining;

/// <summary>
/// Refuses a Boolean label made from a column of the same name with missing labels: the label a multiclass
/// meta-trainer (OneVersusAll, PairwiseCoupling) gives its binary trainer, or a <c>ConvertType</c> to Boolean, both of
/// which give the unlabeled rows a label.
/// </summary>
/// <remarks>
/// ML.NET's meta-trainers map the multiclass key label to a Boolean column of the same name, which hides the key
/// column, and map the missing key to false: with Microsoft.ML 5.0.1 that happens whatever
/// <c>imputeMissingLabelsAsNegative</c> says (its filter of missing labels is built but not used). Self-training
/// inside would see a fully labeled Boolean column and learn every unlabeled row as a negative: a silent wrong
/// answer. <c>ConvertType</c> from Single to Boolean makes NaN true, the same trap the other way. The column the
/// Boolean replaced is still in the schema, hidden, so the rows it marks missing can be counted.
/// </remarks>
internal static class MetaTrainerLabelCheck
{
    /// <summary>
    /// Throws when <paramref name="labelColumnName"/> is a Boolean that hides a column of the same name in which some
    /// rows have a missing label.
    /// </summary>
    /// <exception cref="ArgumentException">The Boolean label gave the unlabeled rows of the column it replaced a label.</exception>
    public static void ThrowIfUnlabeledRowsWereMadeNegative(IDataView input, string labelColumnName)
    {
        var label = input.Schema.GetColumnOrNull(labelColumnName);
        if (label is not { Type: BooleanDataViewType })
            return;
        var hidden = input.Schema.LastOrDefault(c => c.IsHidden && c.Name == labelColumnName);
        if (hidden.Name is null)
            return;
        var (missing, total) = CountMissing(input, hidden);
        if (missing == 0)
            return;
        throw new ArgumentException(
            $"Self-training received label column '{labelColumnName}' as Boolean, made from a {hidden.Type} column of the same name in which {missing} of {total} rows have a missing label: " +
            "the Boolean gave those unlabeled rows a label, so self-training would learn them as labeled. " +
            "A multiclass meta-trainer such as OneVersusAll makes them false: put the meta-trainer inside self-training instead, " +
            "mlContext.SemiSupervised.SelfTraining(mlContext.MulticlassClassification.Trainers.OneVersusAll(binaryTrainer)). " +
            "Otherwise give self-training the label with its missing values (Single with NaN, or a key).");
    }

    private static (long Missing, long Total) CountMissing(IDataView input, DataViewSchema.Column column)
    {
        long missing = 0, total = 0;
        using var cursor = input.GetRowCursor(new[] { column });
        switch (column.Type)
        {
            case KeyDataViewType:
                var key = cursor.GetGetter<uint>(column);
                uint k = 0;
                while (cursor.MoveNext())
                {
                    key(ref k);
                    missing += k == 0 ? 1 : 0;
                    total++;
                }
                break;
            case NumberDataViewType when column.Type.RawType == typeof(float):
                var single = cursor.GetGetter<float>(column);
                float f = 0;
                while (cursor.MoveNext())
                {
                    single(ref f);
                    missing += float.IsNaN(f) ? 1 : 0;
                    total++;
                }
                break;
            case NumberDataViewType when column.Type.RawType == typeof(double):
                var number = cursor.GetGetter<double>(column);
                double d = 0;
                while (cursor.MoveNext())
                {
                    number(ref d);
                    missing += double.IsNaN(d) ? 1 : 0;
                    total++;
                }
                break;
        }
        return (missing, total);
    }
}
