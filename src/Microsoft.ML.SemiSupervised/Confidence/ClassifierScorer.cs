using Microsoft.ML.SemiSupervised.Labels;

namespace Microsoft.ML.SemiSupervised.Confidence;

/// <summary>
/// Turns a fitted classifier's output columns into a predicted class and a confidence per row, for the
/// kind of classifier (binary or multiclass) it is.
/// </summary>
internal abstract class ClassifierScorer
{
    /// <summary>The label type the classifier is trained on.</summary>
    public abstract LabelTask Task { get; }

    /// <summary>
    /// True after <see cref="Predict"/> when the classifier gave no probability of its own and the
    /// confidences come from a calibration fitted here.
    /// </summary>
    public bool Calibrated { get; protected set; }

    /// <summary>
    /// Predicts every row of <paramref name="rows"/> with <paramref name="model"/>.
    /// </summary>
    /// <param name="model">The fitted classifier.</param>
    /// <param name="rows">The rows to predict (features only is enough).</param>
    /// <param name="calibration">The rows the model was fitted on and how to refit it, for a calibration when one is needed.</param>
    public abstract ClassPrediction[] Predict(ITransformer model, IDataView rows, ICalibrationSource calibration);

    /// <summary>The scorer for a task.</summary>
    public static ClassifierScorer For(LabelTask task, MLContext context, string labelColumnName) => task == LabelTask.Binary
        ? new BinaryClassifierScorer(context, labelColumnName)
        : new MulticlassClassifierScorer();
}
