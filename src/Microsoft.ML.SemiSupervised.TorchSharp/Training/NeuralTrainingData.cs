namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>The rows a neural fit trains on, standardized, with their classes (-1 unlabeled), and the validation rows if any.</summary>
internal sealed class NeuralTrainingData
{
    public required float[] Features { get; init; }

    public required int Dimension { get; init; }

    public required int[] Classes { get; init; }

    public required int ClassCount { get; init; }

    /// <summary>The validation rows (standardized) and their classes (each a class of the training catalog), or null.</summary>
    public (float[] Features, int[] Classes)? Validation { get; init; }

    public int RowCount => Classes.Length;
}
