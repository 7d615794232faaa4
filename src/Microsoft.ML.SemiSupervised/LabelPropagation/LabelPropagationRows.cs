using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// The row types and fixed column names of the custom mappings inside a label propagation transformer. The names
/// are part of the saved model format: changing one breaks loading models saved before.
/// </summary>
internal static class LabelPropagationRows
{
    /// <summary>
    /// The most classes a saved model's distribution column carries: the saved prediction writes the distribution
    /// into a vector of this size (sparse, one value per class), cut to the class count by a slot selection.
    /// </summary>
    public const int MaximumClassCount = 65536;

    public const string Features = "__LabelPropagation_Features";
    public const string ConstantKey = "__LabelPropagation_ConstantKey";
    public const string StateKey = "__LabelPropagation_StateKey";
    public const string Header = "__LabelPropagation_Header";
    public const string State = "__LabelPropagation_State";
    public const string Class = "__LabelPropagation_Class";
    public const string Distribution = "__LabelPropagation_Distribution";
    public const string PaddedDistribution = "__LabelPropagation_PaddedDistribution";
    public const string Confidence = "__LabelPropagation_Confidence";
    public const string ClassName = "__LabelPropagation_ClassName";

    /// <summary>The features of a row.</summary>
    public sealed class FeaturesRow
    {
        [ColumnName(LabelPropagationRows.Features)]
        public float[] Features = [];
    }

    /// <summary>The constant key under which the saved header is looked up (format versions 2 and 3).</summary>
    public sealed class ConstantKeyRow
    {
        [ColumnName(LabelPropagationRows.ConstantKey)]
        public uint ConstantKey;
    }

    /// <summary>The saved header (format versions 2 and 3).</summary>
    public sealed class HeaderRow
    {
        [ColumnName(LabelPropagationRows.Header)]
        public double[] Header = [];
    }

    /// <summary>
    /// The key under which the saved state is looked up: the constant 1 in format version 1; in versions 2 and 3, 1 (the
    /// full state) until the model is in memory, then 2 (an empty vector).
    /// </summary>
    public sealed class StateKeyRow
    {
        [ColumnName(LabelPropagationRows.StateKey)]
        public uint StateKey;
    }

    /// <summary>The features of a row with the saved model state (empty once the model is in memory, versions 2 and 3).</summary>
    public sealed class StoredRow
    {
        [ColumnName(LabelPropagationRows.Features)]
        public float[] Features = [];

        [ColumnName(LabelPropagationRows.Header)]
        public double[] Header = [];

        [ColumnName(LabelPropagationRows.State)]
        public float[] State = [];
    }

    /// <summary>A row's prediction: class number (0 for none, else class + 1), distribution and confidence.</summary>
    public sealed class PredictionRow
    {
        [ColumnName(LabelPropagationRows.Class)]
        public uint Class;

        [ColumnName(LabelPropagationRows.Distribution)]
        public float[] Distribution = [];

        [ColumnName(LabelPropagationRows.Confidence)]
        public float Confidence;
    }

    /// <summary>
    /// A saved model's prediction (format versions 2 and 3): as <see cref="PredictionRow"/>, the distribution in a vector of
    /// <see cref="MaximumClassCount"/> slots, so that its size survives loading (a custom mapping reloads with the
    /// types its row class declares).
    /// </summary>
    public sealed class PaddedPredictionRow
    {
        [ColumnName(LabelPropagationRows.Class)]
        public uint Class;

        [ColumnName(LabelPropagationRows.PaddedDistribution)]
        [VectorType(MaximumClassCount)]
        public VBuffer<float> Distribution;

        [ColumnName(LabelPropagationRows.Confidence)]
        public float Confidence;
    }

    /// <summary>Fills <paramref name="output"/> with <paramref name="model"/>'s prediction for <paramref name="features"/>.</summary>
    public static void Predict(LabelPropagationModel model, float[] features, PredictionRow output)
    {
        if (output.Distribution.Length != model.ClassCount)
            output.Distribution = new float[model.ClassCount];
        int predicted = model.Predict(features, output.Distribution);
        output.Class = (uint)(predicted + 1);
        output.Confidence = predicted < 0 ? 0 : output.Distribution[predicted];
    }

    /// <summary>Fills <paramref name="output"/> with <paramref name="model"/>'s prediction for <paramref name="features"/>.</summary>
    public static void Predict(LabelPropagationModel model, float[] features, PaddedPredictionRow output)
    {
        var editor = EditPaddedDistribution(output, model.ClassCount);
        CommitPadded(output, editor, model.Predict(features, editor.Values));
    }

    /// <summary>
    /// The editor of <paramref name="output"/>'s distribution: <paramref name="classes"/> values (to be written by the
    /// model) at slots 0 to classes - 1 of a vector of <see cref="MaximumClassCount"/>. Committed by <see cref="CommitPadded"/>.
    /// </summary>
    public static VBufferEditor<float> EditPaddedDistribution(PaddedPredictionRow output, int classes)
    {
        var editor = VBufferEditor.Create(ref output.Distribution, MaximumClassCount, classes, requireIndicesOnDense: true);
        for (int c = 0; c < classes; c++)
            editor.Indices[c] = c;
        return editor;
    }

    /// <summary>Commits the distribution written through <paramref name="editor"/> and sets the class and confidence of <paramref name="predicted"/> (-1: none).</summary>
    public static void CommitPadded(PaddedPredictionRow output, VBufferEditor<float> editor, int predicted)
    {
        output.Distribution = editor.Commit();
        output.Class = (uint)(predicted + 1);
        output.Confidence = predicted < 0 ? 0 : output.Distribution.GetValues()[predicted];
    }
}
