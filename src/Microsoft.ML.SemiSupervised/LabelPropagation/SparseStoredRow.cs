using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// The features of a row as ML.NET holds them (a sparse vector stays sparse) with the saved model state of the sparse
/// format (<see cref="LabelPropagationSparseModelFormat"/>; empty once the model is in memory).
/// </summary>
internal sealed class SparseStoredRow
{
    [ColumnName(LabelPropagationRows.Features)]
    public VBuffer<float> Features;

    [ColumnName(LabelPropagationRows.Header)]
    public double[] Header = [];

    [ColumnName(LabelPropagationRows.State)]
    public float[] State = [];

    /// <summary>Fills <paramref name="output"/> with <paramref name="model"/>'s prediction for <paramref name="features"/>, never densified.</summary>
    public static void Predict(LabelPropagationModel model, in VBuffer<float> features, LabelPropagationRows.PaddedPredictionRow output)
    {
        var editor = LabelPropagationRows.EditPaddedDistribution(output, model.ClassCount);
        LabelPropagationRows.CommitPadded(output, editor, model.Predict(features, editor.Values));
    }
}
