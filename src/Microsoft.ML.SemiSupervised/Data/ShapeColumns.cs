using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.Data;

/// <summary>
/// The checks of <see cref="LabeledTable.CheckSchema"/> on a schema shape, for <c>GetOutputSchema</c>: an estimator
/// refuses before Fit what its Fit would refuse, with the same messages.
/// </summary>
internal static class ShapeColumns
{
    /// <summary>The last column of <paramref name="shape"/> named <paramref name="name"/>, or null.</summary>
    public static SchemaShape.Column? Find(SchemaShape shape, string name) =>
        shape.Where(c => c.Name == name).Select(c => (SchemaShape.Column?)c).LastOrDefault();

    /// <summary>Checks that the feature column is there and a known-size vector of Single.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing.</exception>
    /// <exception cref="ArgumentException">The column is not a known-size vector of Single.</exception>
    public static void CheckFeature(SchemaShape shape, string name, string parameterName)
    {
        var column = Find(shape, name)
            ?? throw new ArgumentOutOfRangeException(parameterName, ErrorMessages.ColumnNotFound("feature", name));
        if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.ItemType != NumberDataViewType.Single || column.IsKey)
            throw new ArgumentException(ErrorMessages.FeatureTypeMismatch(name, Describe(column)), parameterName);
    }

    /// <summary>Checks that the label column is there and of a supported type, and returns its kind.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing.</exception>
    /// <exception cref="ArgumentException">The column's type cannot hold a label.</exception>
    public static LabelKind CheckLabel(SchemaShape shape, string name, string parameterName)
    {
        var column = Find(shape, name)
            ?? throw new ArgumentOutOfRangeException(parameterName, ErrorMessages.ColumnNotFound("label", name));
        // A schema shape describes a key column by its raw item type (UInt32, ...) and IsKey.
        var kind = column.Kind != SchemaShape.Column.VectorKind.Scalar ? null
            : column.IsKey ? LabelKind.Key
            : LabelColumnReader.KindOf(column.ItemType);
        return kind ?? throw new ArgumentException(ErrorMessages.LabelTypeMismatch(name, Describe(column)), parameterName);
    }

    private static string Describe(SchemaShape.Column column)
    {
        var item = column.IsKey ? $"Key<{column.ItemType}>" : $"{column.ItemType}";
        return column.Kind switch
        {
            SchemaShape.Column.VectorKind.Scalar => item,
            SchemaShape.Column.VectorKind.Vector => $"Vector<{item}>",
            _ => $"a variable-size Vector<{item}>",
        };
    }
}
