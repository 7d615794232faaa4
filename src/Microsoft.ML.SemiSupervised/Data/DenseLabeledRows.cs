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
    /// the graph estimators deal with large features themselves). The features stream from the cursor into one array:
    /// allocated once when the row count is known (<see cref="IDataView.GetRowCount"/>, as a binary IDV file or an
    /// in-memory view says); otherwise read into fixed-size chunks (no doubling copies) and joined once at the end.
    /// </summary>
    /// <param name="data">The rows.</param>
    /// <param name="featureColumnName">The feature column: a known-size vector of Single.</param>
    /// <param name="labelColumnName">The label column.</param>
    /// <param name="task">How the labels are numbered.</param>
    /// <param name="checkRowCount">
    /// Called with the row count before the features are allocated (up front when it is known, else at each new chunk
    /// with the rows read so far, this one included), to refuse early a load that will not fit; null: <see cref="CheckFits"/> against
    /// the memory available to the process.
    /// </param>
    /// <exception cref="ArgumentException">A column is missing or mistyped, the data has no rows, or a feature is NaN or infinite.</exception>
    /// <exception cref="InvalidOperationException">The dense rows would not fit in memory (up front when the row count is known).</exception>
    public static DenseLabeledRows Load(IDataView data, string featureColumnName, string labelColumnName, LabelTask task, Action<long>? checkRowCount = null)
    {
        LabeledTable.CheckSchema(data.Schema, featureColumnName, labelColumnName, null);
        var featureColumn = data.Schema[featureColumnName];
        int dimension = ((VectorDataViewType)featureColumn.Type).Size;
        checkRowCount ??= rows => CheckFits(featureColumnName, rows, dimension, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        long? expectedRows = data.GetRowCount();
        if (expectedRows is { } known)
            checkRowCount(known);
        // Known count: one array, filled in place. Unknown (or rows beyond the count): fixed-size chunks, joined at the end.
        var whole = expectedRows is > 0 ? new float[expectedRows.Value * dimension] : [];
        long wholeRows = whole.Length / Math.Max(1, dimension);
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
            Span<float> target;
            if (row < wholeRows)
            {
                target = whole.AsSpan((int)(row * dimension), dimension);
            }
            else
            {
                int inChunk = (int)((row - wholeRows) % chunkRows);
                if (inChunk == 0)
                {
                    checkRowCount(row + 1);
                    chunks.Add(new float[chunkRows * dimension]);
                }
                target = chunks[^1].AsSpan(inChunk * dimension, dimension);
            }
            buffer.CopyTo(target);
            labels.ReadCurrentRow();
            row++;
        }
        if (row == 0)
            throw new ArgumentException(ErrorMessages.EmptyData(labelColumnName, featureColumnName), nameof(data));
        return new DenseLabeledRows(Join(whole, chunks, row * dimension), dimension, labels.Finish(task));
    }

    /// <summary>The first <paramref name="length"/> values of <paramref name="whole"/> then the chunks: <paramref name="whole"/> itself when it holds them all.</summary>
    private static float[] Join(float[] whole, List<float[]> chunks, long length)
    {
        if (whole.LongLength == length)
            return whole;
        var features = new float[length];
        long offset = Math.Min(whole.LongLength, length);
        Array.Copy(whole, features, offset);
        foreach (var chunk in chunks)
        {
            int count = (int)Math.Min(chunk.Length, length - offset);
            Array.Copy(chunk, 0, features, offset, count);
            offset += count;
        }
        return features;
    }
}
