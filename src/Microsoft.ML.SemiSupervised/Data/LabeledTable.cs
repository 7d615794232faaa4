using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.Data;

/// <summary>
/// The rows a semi-supervised estimator learns from, read in one pass: features, each row's class
/// (or none) and, optionally, each row's example weight.
/// </summary>
internal sealed class LabeledTable
{
    private LabeledTable(FeatureRows features, LabelSet labels, float[]? weights)
    {
        Features = features;
        Labels = labels;
        Weights = weights;
    }

    /// <summary>The feature vectors.</summary>
    public FeatureRows Features { get; }

    /// <summary>The classes and each row's class, -1 where unlabeled.</summary>
    public LabelSet Labels { get; }

    /// <summary>Each row's example weight, or null when the data has no weight column.</summary>
    public float[]? Weights { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount => Labels.Classes.Length;

    /// <summary>Checks the schema: feature, label and (optional) weight columns present and of supported types.</summary>
    public static void CheckSchema(DataViewSchema schema, string featureColumnName, string labelColumnName, string? weightColumnName)
    {
        CheckFeatureColumn(schema, featureColumnName);
        LabelColumnReader.CheckColumn(schema, labelColumnName);
        if (weightColumnName is not null && schema.GetColumnOrNull(weightColumnName) is { } weight
            && weight.Type != NumberDataViewType.Single)
        {
            throw new ArgumentException(ErrorMessages.WeightTypeMismatch(weightColumnName, weight.Type), nameof(weightColumnName));
        }
    }

    /// <summary>Checks that <paramref name="columnName"/> is a known-size vector of Single and returns its type.</summary>
    public static VectorDataViewType CheckFeatureColumn(DataViewSchema schema, string columnName)
    {
        var column = schema.GetColumnOrNull(columnName)
            ?? throw new ArgumentOutOfRangeException(nameof(columnName), ErrorMessages.ColumnNotFound("feature", columnName));
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType item, IsKnownSize: true } vector
            || item != NumberDataViewType.Single)
        {
            throw new ArgumentException(ErrorMessages.FeatureTypeMismatch(columnName, column.Type), nameof(columnName));
        }
        return vector;
    }

    /// <summary>
    /// Reads every row of <paramref name="data"/>. The weight column is read when the data has it;
    /// a weight column named but absent is not an error (every row then weighs 1).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A column is missing or mistyped, the data has no rows, or a feature is NaN, infinite or too large to square.
    /// </exception>
    public static LabeledTable Load(IDataView data, string featureColumnName, string labelColumnName, string? weightColumnName, LabelTask task)
    {
        CheckSchema(data.Schema, featureColumnName, labelColumnName, weightColumnName);
        var featureColumn = data.Schema[featureColumnName];
        var featureType = (VectorDataViewType)featureColumn.Type;
        var weightColumn = weightColumnName is null ? null : data.Schema.GetColumnOrNull(weightColumnName);
        var needed = new List<DataViewSchema.Column> { featureColumn, data.Schema[labelColumnName] };
        if (weightColumn is { } w)
            needed.Add(w);

        var rows = new List<VBuffer<float>>();
        var weights = weightColumn is null ? null : new List<float>();
        using (var cursor = data.GetRowCursor(needed))
        {
            var featureGetter = cursor.GetGetter<VBuffer<float>>(featureColumn);
            var labels = LabelColumnReader.Create(cursor, labelColumnName);
            var weightGetter = weightColumn is { } wc ? cursor.GetGetter<float>(wc) : null;
            VBuffer<float> buffer = default;
            float weight = 0;
            while (cursor.MoveNext())
            {
                featureGetter(ref buffer);
                CheckFinite(buffer, featureColumnName, rows.Count);
                CheckMagnitude(buffer, featureColumnName, rows.Count);
                VBuffer<float> copy = default;
                buffer.CopyTo(ref copy);
                rows.Add(copy);
                labels.ReadCurrentRow();
                if (weightGetter is not null)
                {
                    weightGetter(ref weight);
                    weights!.Add(weight);
                }
            }
            if (rows.Count == 0)
                throw new ArgumentException(ErrorMessages.EmptyData(labelColumnName, featureColumnName), nameof(data));
            var features = new FeatureRows(featureColumnName, featureType, featureColumn.Annotations, rows.ToArray());
            return new LabeledTable(features, labels.Finish(task), weights?.ToArray());
        }
    }

    /// <summary>The largest feature magnitude whose square is a finite Single (about 1.8e19).</summary>
    public static readonly float MaximumMagnitude = MathF.Sqrt(float.MaxValue);

    /// <summary>
    /// Throws when a vector holds a value whose square overflows Single, naming the row and slot: ML.NET's L-BFGS
    /// trainers silently learn nothing from such features (measured: correct at 1e18, every row one class at 1e19).
    /// </summary>
    public static void CheckMagnitude(in VBuffer<float> vector, string columnName, long row)
    {
        var values = vector.GetValues();
        for (int i = 0; i < values.Length; i++)
        {
            if (Math.Abs(values[i]) > MaximumMagnitude)
            {
                int slot = vector.IsDense ? i : vector.GetIndices()[i];
                throw new ArgumentException(ErrorMessages.HugeFeature(columnName, row, slot, values[i], MaximumMagnitude));
            }
        }
    }

    /// <summary>Throws when a vector holds NaN or an infinity, naming the row and slot.</summary>
    public static void CheckFinite(in VBuffer<float> vector, string columnName, long row)
    {
        var values = vector.GetValues();
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                int slot = vector.IsDense ? i : vector.GetIndices()[i];
                float value = values[i];
                throw RowErrors.About(row, r => ErrorMessages.NonFiniteFeature(columnName, r, slot, value));
            }
        }
    }
}
