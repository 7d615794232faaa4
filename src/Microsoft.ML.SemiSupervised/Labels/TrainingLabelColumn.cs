using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Data;

namespace Microsoft.ML.SemiSupervised.Labels;

/// <summary>
/// Builds the clean label column an inner trainer needs (Boolean for binary, key for multiclass)
/// from class numbers, whatever the type of the user's label.
/// </summary>
internal static class TrainingLabelColumn
{
    /// <summary>The type of the label the inner trainer reads.</summary>
    public static DataViewType TypeFor(LabelTask task, ClassCatalog catalog) => task == LabelTask.Binary
        ? BooleanDataViewType.Instance
        : catalog.Kind == LabelKind.Key ? catalog.LabelType : new KeyDataViewType(typeof(uint), catalog.Count);

    /// <summary>
    /// The annotations of the label the inner trainer reads: for multiclass, the key values, so that
    /// the model's predicted label keeps the user's class values.
    /// </summary>
    public static DataViewSchema.Annotations? AnnotationsFor(LabelTask task, ClassCatalog catalog, DataViewSchema.Annotations sourceAnnotations)
    {
        if (task == LabelTask.Binary)
            return null;
        if (catalog.Kind == LabelKind.Key)
            return sourceAnnotations;
        var builder = new DataViewSchema.Annotations.Builder();
        switch (catalog.Kind)
        {
            case LabelKind.Text:
                AddKeyValues(builder, TextDataViewType.Instance, catalog, i => catalog.TextOf(i).AsMemory());
                break;
            case LabelKind.Double:
                AddKeyValues(builder, NumberDataViewType.Double, catalog, catalog.NumberOf);
                break;
            case LabelKind.Boolean:
                AddKeyValues(builder, BooleanDataViewType.Instance, catalog, i => catalog.NumberOf(i) != 0);
                break;
            default:
                AddKeyValues(builder, NumberDataViewType.Single, catalog, i => (float)catalog.NumberOf(i));
                break;
        }
        return builder.ToAnnotations();
    }

    /// <summary>
    /// The label column: row r carries class <c>classes[r]</c>, which must be a class (not -1) for
    /// every row the trainer is shown.
    /// </summary>
    public static InMemoryColumn Create(string name, LabelTask task, ClassCatalog catalog, int[] classes, DataViewSchema.Annotations sourceAnnotations)
    {
        var type = TypeFor(task, catalog);
        var annotations = AnnotationsFor(task, catalog, sourceAnnotations);
        if (task == LabelTask.Binary)
            return InMemoryColumn.Create(name, type, (int row, ref bool value) => value = classes[row] == 1, annotations);
        return ((KeyDataViewType)type).RawType switch
        {
            var t when t == typeof(byte) => InMemoryColumn.Create(name, type, (int row, ref byte value) => value = (byte)(classes[row] + 1), annotations),
            var t when t == typeof(ushort) => InMemoryColumn.Create(name, type, (int row, ref ushort value) => value = (ushort)(classes[row] + 1), annotations),
            var t when t == typeof(ulong) => InMemoryColumn.Create(name, type, (int row, ref ulong value) => value = (ulong)(classes[row] + 1), annotations),
            _ => InMemoryColumn.Create(name, type, (int row, ref uint value) => value = (uint)(classes[row] + 1), annotations),
        };
    }

    private static void AddKeyValues<T>(DataViewSchema.Annotations.Builder builder, PrimitiveDataViewType itemType, ClassCatalog catalog, Func<int, T> valueOf)
    {
        var values = new T[catalog.Count];
        for (int i = 0; i < values.Length; i++)
            values[i] = valueOf(i);
        var buffer = new VBuffer<T>(values.Length, values);
        builder.Add("KeyValues", new VectorDataViewType(itemType, values.Length), (ref VBuffer<T> dst) => buffer.CopyTo(ref dst));
    }
}
