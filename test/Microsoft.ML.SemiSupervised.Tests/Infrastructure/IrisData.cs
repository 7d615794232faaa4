using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Tests.Infrastructure;

/// <summary>Iris (test/data/iris.csv) with the first rows of each class labeled and the rest unlabeled.</summary>
public static class IrisData
{
    /// <summary>
    /// Iris with <paramref name="labeledPerClass"/> labeled rows per class (the first of each class in file
    /// order) and NaN labels elsewhere, as a Single label.
    /// </summary>
    public static (IDataView Data, int[] Classes, bool[] Labeled) PartlyLabeled(MLContext ml, int labeledPerClass)
    {
        var data = CsvDataSet.Load("iris");
        var seen = new int[data.ClassCount];
        var labeled = data.Labels.Select(c => seen[c]++ < labeledPerClass).ToArray();
        var rows = data.Features.Select((f, i) => new FloatLabelRow { Features = f, Label = labeled[i] ? data.Labels[i] : float.NaN });
        return (DataViews.Load(ml, rows, data.Dimension), data.Labels, labeled);
    }

    /// <summary>The Score column of <paramref name="model"/> on <paramref name="data"/>, flattened.</summary>
    public static float[] Scores(ITransformer model, IDataView data)
    {
        var scored = model.Transform(data);
        var column = scored.Schema["Score"];
        return column.Type is VectorDataViewType
            ? scored.GetColumn<VBuffer<float>>(column).SelectMany(v => v.DenseValues()).ToArray()
            : scored.GetColumn<float>(column).ToArray();
    }
}
