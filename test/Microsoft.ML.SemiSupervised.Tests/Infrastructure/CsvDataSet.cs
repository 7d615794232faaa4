using System.Globalization;

namespace Microsoft.ML.SemiSupervised.Tests.Infrastructure;

/// <summary>
/// One of the real data sets in test/data (see test/data/PROVENANCE.md): float features and a class
/// label per row, read from CSV.
/// </summary>
public sealed class CsvDataSet
{
    private CsvDataSet(string name, float[][] features, int[] labels)
    {
        Name = name;
        Features = features;
        Labels = labels;
    }

    /// <summary>The file name without extension.</summary>
    public string Name { get; }

    /// <summary>Each row's features.</summary>
    public float[][] Features { get; }

    /// <summary>Each row's class, 0..ClassCount-1.</summary>
    public int[] Labels { get; }

    /// <summary>The number of features.</summary>
    public int Dimension => Features[0].Length;

    /// <summary>The number of classes.</summary>
    public int ClassCount => Labels.Max() + 1;

    /// <summary>A data set held in arrays (a generated one, see GeneratedDataSets).</summary>
    public static CsvDataSet FromRows(string name, float[][] features, int[] labels) => new(name, features, labels);

    /// <summary>Reads test/data/NAME.csv (copied next to the test assembly as data/NAME.csv); the Label column is the last.</summary>
    public static CsvDataSet Load(string name) => Load(name, "Label");

    /// <summary>
    /// Loads test/data/<paramref name="name"/>.csv with the class in <paramref name="labelColumn"/>, leaving out
    /// <paramref name="ignoredColumns"/> (moons_seed: its TrueLabel, without the partly missing Label).
    /// </summary>
    public static CsvDataSet Load(string name, string labelColumn, params string[] ignoredColumns)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", name + ".csv"));
        var header = lines[0].Split(',');
        int label = Array.IndexOf(header, labelColumn);
        var ignored = ignoredColumns.Select(c => Array.IndexOf(header, c)).ToHashSet();
        var features = new List<float[]>();
        var labels = new List<int>();
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            features.Add(fields.Where((_, i) => i != label && !ignored.Contains(i)).Select(f => float.Parse(f, CultureInfo.InvariantCulture)).ToArray());
            labels.Add((int)float.Parse(fields[label], CultureInfo.InvariantCulture));
        }
        return new CsvDataSet(name, features.ToArray(), labels.ToArray());
    }
}
