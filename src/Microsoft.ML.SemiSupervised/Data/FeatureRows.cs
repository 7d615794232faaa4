using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Data;

/// <summary>The feature vectors of every row, held in memory (sparse rows stay sparse).</summary>
internal sealed class FeatureRows
{
    public FeatureRows(string columnName, VectorDataViewType type, DataViewSchema.Annotations annotations, VBuffer<float>[] rows)
    {
        ColumnName = columnName;
        Type = type;
        Annotations = annotations;
        Rows = rows;
    }

    /// <summary>The feature column's name.</summary>
    public string ColumnName { get; }

    /// <summary>The feature column's type: a known-size vector of Single.</summary>
    public VectorDataViewType Type { get; }

    /// <summary>The number of features per row.</summary>
    public int Dimension => Type.Size;

    /// <summary>The feature column's annotations (slot names), kept so that trained models see them.</summary>
    public DataViewSchema.Annotations Annotations { get; }

    /// <summary>One vector per row.</summary>
    public VBuffer<float>[] Rows { get; }

    /// <summary>An in-memory column serving these features under their own name, type and annotations.</summary>
    public InMemoryColumn ToColumn() => InMemoryColumn.Create<VBuffer<float>>(
        ColumnName, Type, (int row, ref VBuffer<float> value) => Rows[row].CopyTo(ref value), Annotations);
}
