using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Tests.Infrastructure;

/// <summary>A row with a Single label (NaN for unlabeled) and a feature vector.</summary>
public sealed class FloatLabelRow
{
    /// <summary>The label, NaN when missing.</summary>
    public float Label { get; set; }

    /// <summary>The features.</summary>
    public float[] Features { get; set; } = Array.Empty<float>();
}

/// <summary>A row with a text label (empty for unlabeled) and a feature vector.</summary>
public sealed class TextLabelRow
{
    /// <summary>The label, empty when missing.</summary>
    public string Label { get; set; } = "";

    /// <summary>The features.</summary>
    public float[] Features { get; set; } = Array.Empty<float>();
}

/// <summary>Builds ML.NET data views from a data set and a split, the way a user's data reaches ML.NET.</summary>
public static class DataViews
{
    /// <summary>The training part: labels kept where the split keeps them, NaN elsewhere.</summary>
    public static IDataView Train(MLContext ml, CsvDataSet data, SemiSupervisedSplit split) =>
        Load(ml, split.TrainRows.Select((r, i) => new FloatLabelRow
        {
            Label = split.TrainLabeled[i] ? data.Labels[r] : float.NaN,
            Features = data.Features[r],
        }), data.Dimension);

    /// <summary>The labeled rows of the training part only: what a supervised baseline learns from.</summary>
    public static IDataView LabeledOnly(MLContext ml, CsvDataSet data, SemiSupervisedSplit split) =>
        Load(ml, split.TrainRows.Where((_, i) => split.TrainLabeled[i]).Select(r => new FloatLabelRow
        {
            Label = data.Labels[r],
            Features = data.Features[r],
        }), data.Dimension);

    /// <summary>The test part, every label present.</summary>
    public static IDataView Test(MLContext ml, CsvDataSet data, SemiSupervisedSplit split) =>
        Load(ml, split.TestRows.Select(r => new FloatLabelRow { Label = data.Labels[r], Features = data.Features[r] }), data.Dimension);

    /// <summary>Rows with a Single label, as an IDataView with a known-size feature vector.</summary>
    public static IDataView Load(MLContext ml, IEnumerable<FloatLabelRow> rows, int dimension)
    {
        var schema = SchemaDefinition.Create(typeof(FloatLabelRow));
        schema[nameof(FloatLabelRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return ml.Data.LoadFromEnumerable(rows.ToList(), schema);
    }

    /// <summary>Rows with a text label, as an IDataView with a known-size feature vector.</summary>
    public static IDataView Load(MLContext ml, IEnumerable<TextLabelRow> rows, int dimension)
    {
        var schema = SchemaDefinition.Create(typeof(TextLabelRow));
        schema[nameof(TextLabelRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return ml.Data.LoadFromEnumerable(rows.ToList(), schema);
    }
}
