using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.CoTraining;

/// <summary>A row with a Single label (NaN for unlabeled) and two view columns.</summary>
public sealed class TwoViewRow
{
    /// <summary>The label, NaN when missing.</summary>
    public float Label { get; set; }

    /// <summary>The first view.</summary>
    public float[] Top { get; set; } = Array.Empty<float>();

    /// <summary>The second view.</summary>
    public float[] Bottom { get; set; } = Array.Empty<float>();
}

/// <summary>Data for the co-training and tri-training tests: the digits' natural two views, top and bottom halves of the 8x8 image.</summary>
public static class CoTrainingData
{
    /// <summary>The slots of the top four rows of an 8x8 digit.</summary>
    public static readonly int[] TopHalf = Enumerable.Range(0, 32).ToArray();

    /// <summary>Rows of <paramref name="data"/> as two view columns, Top (slots 0-31) and Bottom (32-63).</summary>
    public static IDataView TwoViews(MLContext ml, CsvDataSet data, IEnumerable<int> rows, Func<int, float> label)
    {
        var schema = SchemaDefinition.Create(typeof(TwoViewRow));
        schema[nameof(TwoViewRow.Top)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 32);
        schema[nameof(TwoViewRow.Bottom)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 32);
        var list = rows.Select(r => new TwoViewRow { Label = label(r), Top = data.Features[r][..32], Bottom = data.Features[r][32..] }).ToList();
        return ml.Data.LoadFromEnumerable(list, schema);
    }

    /// <summary>The training part of a split as two views.</summary>
    public static IDataView TwoViewTrain(MLContext ml, CsvDataSet data, SemiSupervisedSplit split)
    {
        var labeled = split.TrainRows.Select((r, i) => (r, i)).ToDictionary(p => p.r, p => split.TrainLabeled[p.i]);
        return TwoViews(ml, data, split.TrainRows, r => labeled[r] ? data.Labels[r] : float.NaN);
    }

    /// <summary>The test part of a split as two views.</summary>
    public static IDataView TwoViewTest(MLContext ml, CsvDataSet data, SemiSupervisedSplit split) =>
        TwoViews(ml, data, split.TestRows, r => data.Labels[r]);
}
