using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Graphs;
using Microsoft.ML.SemiSupervised.Labels;

namespace Microsoft.ML.SemiSupervised.Data;

/// <summary>
/// Every row's features in sparse (CSR) form and every row's class: the counterpart of <see cref="DenseLabeledRows"/>
/// for high-dimensional feature columns (featurized text), read without ever holding a row densely beyond the
/// cursor's own buffer.
/// </summary>
internal sealed class SparseLabeledRows
{
    /// <summary>Feature columns with more slots than this count as high-dimensional: read sparse, treated as text-like.</summary>
    public const int DimensionThreshold = 1024;

    private SparseLabeledRows(SparseRows features, LabelSet labels, DataViewSchema.Annotations annotations)
    {
        Features = features;
        Labels = labels;
        Annotations = annotations;
    }

    /// <summary>The features, non-zeros only.</summary>
    public SparseRows Features { get; }

    /// <summary>The classes and each row's class, -1 where unlabeled.</summary>
    public LabelSet Labels { get; }

    /// <summary>The feature column's annotations (slot names).</summary>
    public DataViewSchema.Annotations Annotations { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount => Labels.Classes.Length;

    /// <summary>The average number of non-zero values per row.</summary>
    public double AverageNonZeros => RowCount == 0 ? 0 : (double)Features.EntryCount / RowCount;

    /// <summary>
    /// Reads every row, with the checks and messages of <see cref="LabeledTable.Load"/>. Throws before the rows
    /// outgrow <paramref name="availableBytes"/>, saying how much they would need.
    /// </summary>
    /// <exception cref="ArgumentException">A column is missing or mistyped, or a feature is NaN or infinite.</exception>
    /// <exception cref="InvalidOperationException">The rows would not fit in memory.</exception>
    public static SparseLabeledRows Load(IDataView data, string featureColumnName, string labelColumnName, LabelTask task, long availableBytes)
    {
        LabeledTable.CheckSchema(data.Schema, featureColumnName, labelColumnName, null);
        var featureColumn = data.Schema[featureColumnName];
        int dimension = ((VectorDataViewType)featureColumn.Type).Size;
        long? expectedRows = data.GetRowCount();
        var starts = new List<long> { 0 };
        var indices = new int[1 << 16];
        var values = new float[1 << 16];
        long count = 0;
        using var cursor = data.GetRowCursor([featureColumn, data.Schema[labelColumnName]]);
        var featureGetter = cursor.GetGetter<VBuffer<float>>(featureColumn);
        var labels = LabelColumnReader.Create(cursor, labelColumnName);
        VBuffer<float> buffer = default;
        long row = 0;
        while (cursor.MoveNext())
        {
            featureGetter(ref buffer);
            LabeledTable.CheckFinite(buffer, featureColumnName, row);
            var rowValues = buffer.GetValues();
            var rowIndices = buffer.IsDense ? default : buffer.GetIndices();
            if (count + rowValues.Length > indices.Length)
            {
                long grown = Math.Max(count + rowValues.Length, 2L * indices.Length);
                CheckFits(featureColumnName, row + 1, count + rowValues.Length, expectedRows, grown * 8, availableBytes);
                Array.Resize(ref indices, (int)Math.Min(grown, Array.MaxLength));
                Array.Resize(ref values, indices.Length);
            }
            for (int e = 0; e < rowValues.Length; e++)
            {
                if (rowValues[e] == 0)
                    continue;
                indices[count] = buffer.IsDense ? e : rowIndices[e];
                values[count] = rowValues[e];
                count++;
            }
            starts.Add(count);
            labels.ReadCurrentRow();
            row++;
        }
        Array.Resize(ref indices, (int)count);
        Array.Resize(ref values, (int)count);
        return new SparseLabeledRows(new SparseRows(starts.ToArray(), indices, values, dimension), labels.Finish(task), featureColumn.Annotations);
    }

    /// <summary>
    /// Throws when these rows in dense form, with the exact neighbour search's copy of them, would need more than
    /// <paramref name="availableBytes"/>, saying how much and what to do instead.
    /// </summary>
    public void CheckDenseFits(string columnName, long availableBytes)
    {
        long count = (long)RowCount * Features.Dimension;
        long needed = 2 * count * sizeof(float);
        if (needed <= availableBytes && count <= Array.MaxLength)
            return;
        throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
            "Feature column '{0}' holds {1:0.0} non-zero values in each row of {2} slots: too dense to search in sparse form, and as dense " +
            "rows its {3} rows need {4:0.0} GB (the rows and the neighbour search's copy, 4 bytes a value), more than the {5:0.0} GB of " +
            "memory available{6}. Reduce the features first (e.g. ProjectToPrincipalComponents, or fewer slots), or use fewer rows.",
            columnName, AverageNonZeros, Features.Dimension, RowCount, needed / 1e9, availableBytes / 1e9,
            count > Array.MaxLength ? " (and more values than one array holds)" : ""));
    }

    /// <summary>
    /// Throws when the stored values would need more than <paramref name="availableBytes"/>: the estimate is 8 bytes
    /// per non-zero value (slot and value) at the rate seen so far, over every row when the row count is known.
    /// </summary>
    private static void CheckFits(string columnName, long rowsRead, long valuesRead, long? expectedRows, long bytesNeeded, long availableBytes)
    {
        double perRow = (double)valuesRead / rowsRead;
        double projected = expectedRows is { } total ? perRow * total * 8 : bytesNeeded;
        if (bytesNeeded <= availableBytes && projected <= availableBytes && valuesRead < Array.MaxLength)
            return;
        throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
            "The sparse rows of feature column '{0}' need {1:0.0} GB ({2:0.0} non-zero values per row over {3} rows, 8 bytes each), " +
            "more than the {4:0.0} GB of memory available (or more than one array holds). Use fewer rows, or fewer slots " +
            "(e.g. FeaturizeText with fewer n-gram lengths, or a count threshold), or reduce the rows to a dense embedding first.",
            columnName, Math.Max(projected, bytesNeeded) / 1e9, perRow, expectedRows ?? rowsRead, availableBytes / 1e9));
    }
}
