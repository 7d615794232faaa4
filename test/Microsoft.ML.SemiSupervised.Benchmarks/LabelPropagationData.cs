using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// The generated data of the label propagation benchmarks: Gaussian blobs around 10 random centres in 20 dimensions
/// (centres uniform in [0, 10]^20, standard deviation 2.5), 1 % of rows labeled (at least one per class), seeded.
/// </summary>
public static class LabelPropagationData
{
    /// <summary>The number of features.</summary>
    public const int Dimension = 20;

    /// <summary>The number of classes.</summary>
    public const int ClassCount = 10;

    /// <summary>Generates <paramref name="count"/> rows: features, shown label (NaN when hidden) and true label.</summary>
    public static (float[][] Features, float[] Labels, int[] Truth) Generate(int count, int seed = 42)
    {
        var features = new float[count][];
        var labels = new float[count];
        var truth = new int[count];
        int i = 0;
        foreach (var row in Enumerate(count, seed))
        {
            features[i] = row.Features;
            labels[i] = row.Label;
            truth[i] = row.Truth;
            i++;
        }
        return (features, labels, truth);
    }

    /// <summary>
    /// The rows of <see cref="Generate"/> one at a time (the same rows for the same count and seed), for sizes written
    /// to a file without holding them all: a new features array a row.
    /// </summary>
    public static IEnumerable<(float[] Features, float Label, int Truth)> Enumerate(int count, int seed = 42)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, ClassCount).Select(_ => Enumerable.Range(0, Dimension).Select(_ => random.NextDouble() * 10).ToArray()).ToArray();
        for (int i = 0; i < count; i++)
        {
            int c = random.Next(ClassCount);
            int truth = i < ClassCount ? i : c;
            var row = new float[Dimension];
            for (int d = 0; d < Dimension; d++)
                row[d] = (float)(centres[truth][d] + 2.5 * Gaussian(random));
            float label = i < ClassCount || random.NextDouble() < 0.01 ? truth : float.NaN;
            yield return (row, label, truth);
        }
    }

    /// <summary>The rows as a data view with a Features vector and a Single Label.</summary>
    public static IDataView ToDataView(MLContext mlContext, float[][] features, float[] labels)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Dimension);
        return mlContext.Data.LoadFromEnumerable(features.Select((f, i) => new Row { Features = f, Label = labels[i] }), schema);
    }

    /// <summary>Writes the rows as CSV for scripts/label_propagation_reference.py: features, then the label (-1 when hidden).</summary>
    public static void WriteCsv(string path, float[][] features, float[] labels)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path);
        for (int i = 0; i < features.Length; i++)
        {
            writer.Write(string.Join(",", features[i].Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
            writer.Write(',');
            writer.WriteLine(float.IsNaN(labels[i]) ? "-1" : labels[i].ToString(CultureInfo.InvariantCulture));
        }
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>One row.</summary>
    public sealed class Row
    {
        /// <summary>The features.</summary>
        public float[] Features { get; set; } = [];

        /// <summary>The label, NaN when hidden.</summary>
        public float Label { get; set; }
    }
}
