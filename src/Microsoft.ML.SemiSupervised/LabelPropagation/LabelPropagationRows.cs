using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// The row types and fixed column names of the custom mappings inside a label propagation transformer. The names
/// are part of the saved model format: changing one breaks loading models saved before.
/// </summary>
internal static class LabelPropagationRows
{
    public const string Features = "__LabelPropagation_Features";
    public const string StateKey = "__LabelPropagation_StateKey";
    public const string Header = "__LabelPropagation_Header";
    public const string State = "__LabelPropagation_State";
    public const string Class = "__LabelPropagation_Class";
    public const string Distribution = "__LabelPropagation_Distribution";
    public const string Confidence = "__LabelPropagation_Confidence";
    public const string ClassName = "__LabelPropagation_ClassName";

    /// <summary>The features of a row.</summary>
    public sealed class FeaturesRow
    {
        [ColumnName(LabelPropagationRows.Features)]
        public float[] Features = [];
    }

    /// <summary>The constant key under which the saved state is looked up.</summary>
    public sealed class StateKeyRow
    {
        [ColumnName(LabelPropagationRows.StateKey)]
        public uint StateKey;
    }

    /// <summary>The features of a row with the saved model state.</summary>
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

    /// <summary>Fills <paramref name="output"/> with <paramref name="model"/>'s prediction for <paramref name="features"/>.</summary>
    public static void Predict(LabelPropagationModel model, float[] features, PredictionRow output)
    {
        if (output.Distribution.Length != model.ClassCount)
            output.Distribution = new float[model.ClassCount];
        int predicted = model.Predict(features, output.Distribution);
        output.Class = (uint)(predicted + 1);
        output.Confidence = predicted < 0 ? 0 : output.Distribution[predicted];
    }
}
