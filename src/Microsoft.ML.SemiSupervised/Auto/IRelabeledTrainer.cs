namespace Microsoft.ML.SemiSupervised.Auto;

/// <summary>
/// A supervised trainer that can also be fitted on the rows with other classes than the label column's: reverse
/// validation fits <see cref="AutoEstimator"/>'s supervised trainer on the unlabeled rows with a model's classes.
/// </summary>
internal interface IRelabeledTrainer
{
    /// <summary>
    /// Fits the trainer on the rows of <paramref name="input"/> that have a class in <paramref name="classes"/> (one
    /// entry a row, -1 to leave the row out), with those classes as their labels, written into the label type the
    /// trainer reads; the label column's own values are not used.
    /// </summary>
    /// <param name="input">The rows, with the feature column and the label column (its type and classes).</param>
    /// <param name="classes">Each row's class in the label's class numbering, or -1; at least two distinct classes.</param>
    /// <returns>The fitted trainer's transformer.</returns>
    ITransformer FitRelabeled(IDataView input, int[] classes);
}
