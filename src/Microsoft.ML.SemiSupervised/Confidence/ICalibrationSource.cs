namespace Microsoft.ML.SemiSupervised.Confidence;

/// <summary>
/// What a scorer may need to calibrate a model: the labeled rows it was fitted on, their classes, and
/// a way to fit the same trainer on a subset of them.
/// </summary>
internal interface ICalibrationSource
{
    /// <summary>The rows the model was fitted on.</summary>
    int[] TrainingRows { get; }

    /// <summary>The class of a training row.</summary>
    int ClassOf(int row);

    /// <summary>Fits the inner trainer on <paramref name="rows"/>.</summary>
    ITransformer Fit(int[] rows);

    /// <summary>A view of the features of <paramref name="rows"/>.</summary>
    IDataView FeatureView(int[] rows);
}
