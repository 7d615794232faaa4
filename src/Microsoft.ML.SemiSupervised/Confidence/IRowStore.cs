namespace Microsoft.ML.SemiSupervised.Confidence;

/// <summary>
/// The rows a scorer reads: views of any subset of them, the labeled rows the current model was fitted
/// on with their classes, and a way to fit the same trainer on a subset (for a calibration).
/// </summary>
internal interface IRowStore
{
    /// <summary>The rows the current model was fitted on.</summary>
    int[] TrainingRows { get; }

    /// <summary>The class of a labeled row.</summary>
    int ClassOf(int row);

    /// <summary>Fits the inner trainer on <paramref name="rows"/>.</summary>
    ITransformer Fit(int[] rows);

    /// <summary>A view of the features of <paramref name="rows"/>.</summary>
    IDataView FeatureView(int[] rows);
}
