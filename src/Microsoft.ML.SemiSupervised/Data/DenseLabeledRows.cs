using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.Data;

/// <summary>
/// Every row's features in one dense row-major array and every row's class: what <see cref="LabeledTable"/> reads,
/// without keeping a vector object per row, for estimators that need all rows at once in compact form (graphs).
/// </summary>
internal sealed class DenseLabeledRows
{
    private DenseLabeledRows(float[] features, int dimension, LabelSet labels)
    {
        Features = features;
        Dimension = dimension;
        Labels = labels;
    }

    /// <summary>The features, row after row.</summary>
    public float[] Features { get; }

    /// <summary>The number of features per row.</summary>
    public int Dimension { get; }

    /// <summary>The classes and each row's class, -1 where unlabeled.</summary>
    public LabelSet Labels { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount => Labels.Classes.Length;

    /// <summary>
    /// Throws up front when <paramref name="rowCount"/> dense rows of <paramref name="dimension"/> values would not fit:
    /// the rows are held twice at the peak (read in chunks then joined; then the neighbour search's copy), 4 bytes a value.
    /// </summary>
    public static void CheckFits(string columnName, long rowCount, int dimension, long availableBytes)
    {
        long count = rowCount * dimension;
        long needed = 2 * count * sizeof(float);
        if (needed <= availableBytes && count <= Array.MaxLength)
            return;
        throw new InvalidOperationException(string.Format(System.Globalization.CultureInfo.InvariantCulture,
            "The dense rows of feature column '{0}' ({1} rows of {2} values) need {3:0.0} GB (held twice at the peak, 4 bytes a value), " +
            "more than the {4:0.0} GB of memory available{5}. Use fewer rows, or reduce the features first (e.g. ProjectToPrincipalComponents).",
            columnName, rowCount, dimension, needed / 1e9, availableBytes / 1e9, count > Array.MaxLength ? " (and more values than one array holds)" : ""));
    }

    /// <summary>
    /// Reads every row, with the checks and messages of <see cref="LabeledTable.Load"/> (except the magnitude check:
    /// the graph estimators deal with large features themselves).
    /// </summary>
    /// <exception cref="ArgumentException">A column is missing or mistyped, the data has no rows, or a feature is NaN or infinite.</exception>
    /// <exception cref="InvalidOperationException">The row count is known and the dense rows would not fit in memory.</exception>
    public static DenseLabeledRows Load(IDataView data, string featureColumnName, string labelColumnName, LabelTask task)
    {
        LabeledTable.CheckSchema(data.Schema, featureColumnName, labelColumnName, null);
        var featureColumn = data.Schema[featureColumnName];
        int dimension = ((VectorDataViewType)featureColumn.Type).Size;
        if (data.GetRowCount() is { } expectedRows)
            CheckFits(featureColumnName, expectedRows, dimension, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        // Rows go into fixed-size chunks (no doubling copies), joined once at the end.
        int chunkRows = Math.Max(1, (1 << 16) / Math.Max(1, dimension));
        var chunks = new List<float[]>();
        using var cursor = data.GetRowCursor([featureColumn, data.Schema[labelColumnName]]);
        var featureGetter = cursor.GetGetter<VBuffer<float>>(featureColumn);
        var labels = LabelColumnReader.Create(cursor, labelColumnName);
        VBuffer<float> buffer = default;
        long row = 0;
        while (cursor.MoveNext())
        {
            featureGetter(ref buffer);
            LabeledTable.CheckFinite(buffer, featureColumnName, row);
            int inChunk = (int)(row % chunkRows);
            if (inChunk == 0)
                chunks.Add(new float[chunkRows * dimension]);
            buffer.CopyTo(chunks[^1].AsSpan(inChunk * dimension, dimension));
            labels.ReadCurrentRow();
            row++;
        }
        if (row == 0)
            throw new ArgumentException(ErrorMessages.EmptyData(labelColumnName, featureColumnName), nameof(data));
        var features = new float[row * dimension];
        for (int c = 0; c < chunks.Count; c++)
        {
            long offset = (long)c * chunkRows * dimension;
            int length = (int)Math.Min(chunks[c].Length, features.LongLength - offset);
            Array.Copy(chunks[c], 0, features, offset, length);
        }
        return new DenseLabeledRows(features, dimension, labels.Finish(task));
    }
}
