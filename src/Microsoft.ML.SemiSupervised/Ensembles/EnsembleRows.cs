using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Ensembles;

/// <summary>
/// The row types and working column names of the custom mappings that combine the members of a co-training or
/// tri-training model. The names are part of the saved model format: changing one breaks loading saved models.
/// </summary>
internal static class EnsembleRows
{
    /// <summary>The most classes a combined model predicts: the width of the fixed-size distribution a mapping writes.</summary>
    public const int MaximumClassCount = 256;

    public const string Member1 = "__SemiSupervisedEnsemble_Member1";
    public const string Member2 = "__SemiSupervisedEnsemble_Member2";
    public const string Member3 = "__SemiSupervisedEnsemble_Member3";
    public const string Features = "__SemiSupervisedEnsemble_Features";
    public const string Distribution = "__SemiSupervisedEnsemble_Distribution";
    public const string Class = "__SemiSupervisedEnsemble_Class";
    public const string ClassValue = "__SemiSupervisedEnsemble_ClassValue";

    /// <summary>The member column of member <paramref name="index"/> (0-based).</summary>
    public static string Member(int index) => index switch
    {
        0 => Member1,
        1 => Member2,
        2 => Member3,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>Two binary members' probabilities of the positive class.</summary>
    public sealed class BinaryPair
    {
        [ColumnName(Member1)]
        public float First;

        [ColumnName(Member2)]
        public float Second;
    }

    /// <summary>Three binary members' probabilities of the positive class.</summary>
    public sealed class BinaryTriple
    {
        [ColumnName(Member1)]
        public float First;

        [ColumnName(Member2)]
        public float Second;

        [ColumnName(Member3)]
        public float Third;
    }

    /// <summary>Two multiclass members' class distributions.</summary>
    public sealed class VectorPair
    {
        [ColumnName(Member1)]
        public float[] First = [];

        [ColumnName(Member2)]
        public float[] Second = [];
    }

    /// <summary>Three multiclass members' class distributions.</summary>
    public sealed class VectorTriple
    {
        [ColumnName(Member1)]
        public float[] First = [];

        [ColumnName(Member2)]
        public float[] Second = [];

        [ColumnName(Member3)]
        public float[] Third = [];
    }

    /// <summary>A combined binary prediction, under the column names of an ML.NET binary classifier.</summary>
    public sealed class BinaryOutput
    {
        public float Score;

        public float Probability;

        public bool PredictedLabel;
    }

    /// <summary>
    /// A combined multiclass prediction: the distribution padded with zeros to <see cref="MaximumClassCount"/> slots
    /// (a custom mapping's vector size is fixed by its type; a slot selection then keeps the real classes) and the
    /// predicted class number plus one.
    /// </summary>
    public sealed class MulticlassOutput
    {
        [ColumnName(EnsembleRows.Distribution)]
        [VectorType(MaximumClassCount)]
        public float[] Distribution = new float[MaximumClassCount];

        [ColumnName(EnsembleRows.Class)]
        public uint Class;
    }

    /// <summary>The binary output for probability <paramref name="probability"/> and predicted class <paramref name="positive"/>.</summary>
    public static void WriteBinary(BinaryOutput output, double probability, bool positive)
    {
        double p = Math.Clamp(probability, 1e-7, 1 - 1e-7);
        output.Probability = (float)probability;
        output.Score = (float)Math.Log(p / (1 - p));
        output.PredictedLabel = positive;
    }

    /// <summary>Writes <paramref name="distribution"/> padded and returns the index of its largest entry (lowest on ties).</summary>
    public static int WriteDistribution(MulticlassOutput output, ReadOnlySpan<double> distribution)
    {
        if (output.Distribution.Length != MaximumClassCount)
            output.Distribution = new float[MaximumClassCount];
        Array.Clear(output.Distribution);
        int best = 0;
        for (int c = 0; c < distribution.Length; c++)
        {
            output.Distribution[c] = (float)distribution[c];
            if (distribution[c] > distribution[best])
                best = c;
        }
        return best;
    }
}
