using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// The features of a row as ML.NET holds them (a sparse vector stays sparse), for models over sparse stored rows:
/// the float[] of <see cref="LabelPropagationRows.FeaturesRow"/> would densify every row predicted.
/// </summary>
internal sealed class SparseFeaturesRow
{
    [ColumnName(LabelPropagationRows.Features)]
    public VBuffer<float> Features;

    /// <summary>Fills <paramref name="output"/> with <paramref name="model"/>'s prediction for <paramref name="input"/>.</summary>
    public static void Predict(LabelPropagationModel model, SparseFeaturesRow input, LabelPropagationRows.PredictionRow output)
    {
        if (output.Distribution.Length != model.ClassCount)
            output.Distribution = new float[model.ClassCount];
        int predicted = model.Predict(input.Features, output.Distribution);
        output.Class = (uint)(predicted + 1);
        output.Confidence = predicted < 0 ? 0 : output.Distribution[predicted];
    }
}
