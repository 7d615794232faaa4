using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Tests.Infrastructure;

/// <summary>Accuracy of a classifier on rows whose true class is known.</summary>
public static class Accuracy
{
    /// <summary>
    /// The fraction of rows whose PredictedLabel is the true class: for a Boolean prediction true is class 1;
    /// for a key prediction the key's value (from its KeyValues annotation) is the class.
    /// </summary>
    public static double Of(ITransformer model, IDataView data, IReadOnlyList<int> trueClasses)
    {
        var predicted = PredictedClasses(model, data);
        Assert.Equal(trueClasses.Count, predicted.Length);
        return (double)predicted.Where((p, i) => p == trueClasses[i]).Count() / predicted.Length;
    }

    /// <summary>Each row's predicted class, read from PredictedLabel.</summary>
    public static int[] PredictedClasses(ITransformer model, IDataView data)
    {
        var scored = model.Transform(data);
        var column = scored.Schema["PredictedLabel"];
        if (column.Type is BooleanDataViewType)
            return scored.GetColumn<bool>(column).Select(b => b ? 1 : 0).ToArray();
        VBuffer<float> keyValues = default;
        column.GetKeyValues(ref keyValues);
        var values = keyValues.DenseValues().ToArray();
        return scored.GetColumn<uint>(column).Select(k => k == 0 ? -1 : (int)values[k - 1]).ToArray();
    }
}
