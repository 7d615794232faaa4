using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// The row types and fixed column names of the custom mappings inside a neural transformer. The names are part of
/// the saved model format: changing one breaks loading models saved before.
/// </summary>
internal static class NeuralRows
{
    /// <summary>The most classes a saved model's score column carries (sparse, cut to the class count by a slot selection).</summary>
    public const int MaximumClassCount = 65536;

    public const string Features = "__Neural_Features";
    public const string ConstantKey = "__Neural_ConstantKey";
    public const string StateKey = "__Neural_StateKey";
    public const string Header = "__Neural_Header";
    public const string State = "__Neural_State";
    public const string Class = "__Neural_Class";
    public const string Score = "__Neural_Score";
    public const string PaddedScore = "__Neural_PaddedScore";
    public const string ClassName = "__Neural_ClassName";

    public sealed class FeaturesRow
    {
        [ColumnName(NeuralRows.Features)]
        public float[] Features = [];
    }

    public sealed class ConstantKeyRow
    {
        [ColumnName(NeuralRows.ConstantKey)]
        public uint ConstantKey;
    }

    public sealed class HeaderRow
    {
        [ColumnName(NeuralRows.Header)]
        public double[] Header = [];
    }

    /// <summary>1 (the full state) until the network is in memory, then 2 (an empty vector).</summary>
    public sealed class StateKeyRow
    {
        [ColumnName(NeuralRows.StateKey)]
        public uint StateKey;
    }

    public sealed class StoredRow
    {
        [ColumnName(NeuralRows.Features)]
        public float[] Features = [];

        [ColumnName(NeuralRows.Header)]
        public double[] Header = [];

        [ColumnName(NeuralRows.State)]
        public float[] State = [];
    }

    /// <summary>A row's prediction: class number (class + 1) and class probabilities.</summary>
    public sealed class PredictionRow
    {
        [ColumnName(NeuralRows.Class)]
        public uint Class;

        [ColumnName(NeuralRows.Score)]
        public float[] Score = [];
    }

    /// <summary>A saved model's prediction: the probabilities in <see cref="MaximumClassCount"/> slots, so that the size survives loading.</summary>
    public sealed class PaddedPredictionRow
    {
        [ColumnName(NeuralRows.Class)]
        public uint Class;

        [ColumnName(NeuralRows.PaddedScore)]
        [VectorType(MaximumClassCount)]
        public VBuffer<float> Score;
    }

    /// <summary>Fills <paramref name="output"/> with <paramref name="model"/>'s prediction.</summary>
    public static void Predict(NeuralModel model, float[] features, PredictionRow output)
    {
        CheckSize(model, features);
        if (output.Score.Length != model.ClassCount)
            output.Score = new float[model.ClassCount];
        output.Class = (uint)(model.Predict(features, output.Score) + 1);
    }

    /// <summary>Fills <paramref name="output"/> with <paramref name="model"/>'s prediction, padded.</summary>
    public static void Predict(NeuralModel model, float[] features, PaddedPredictionRow output)
    {
        CheckSize(model, features);
        int classes = model.ClassCount;
        var editor = VBufferEditor.Create(ref output.Score, MaximumClassCount, classes, requireIndicesOnDense: true);
        int predicted = model.Predict(features, editor.Values);
        for (int c = 0; c < classes; c++)
            editor.Indices[c] = c;
        output.Score = editor.Commit();
        output.Class = (uint)(predicted + 1);
    }

    private static void CheckSize(NeuralModel model, float[] features)
    {
        if (features.Length != model.Architecture.InputSize)
            throw new InvalidOperationException($"The network reads {model.Architecture.InputSize} features; a row has {features.Length}.");
    }
}
