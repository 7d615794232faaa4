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
        int classes = model.ClassCount;
        var editor = VBufferEditor.Create(ref output.Distribution, LabelPropagationRows.MaximumClassCount, classes, requireIndicesOnDense: true);
        int predicted = model.Predict(features, editor.Values);
        for (int c = 0; c < classes; c++)
            editor.Indices[c] = c;
        output.Distribution = editor.Commit();
        output.Class = (uint)(predicted + 1);
        output.Confidence = predicted < 0 ? 0 : output.Distribution.GetValues()[predicted];
    }
}
