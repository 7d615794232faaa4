using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.CSharp12Tests;

/// <summary>
/// Iris (test/data/iris.csv, 150 rows, classes 0, 1, 2 in file order) with the first five rows of each class
/// labeled and NaN labels elsewhere; the features also split into two views for co-training.
/// </summary>
internal static class IrisRows
{
    public const int LabeledPerClass = 5;

    /// <summary>The rows with every label, for scoring the models.</summary>
    public static IReadOnlyList<IrisRow> All { get; } = Read();

    /// <summary>The multiclass rows: classes 0, 1, 2, NaN where unlabeled.</summary>
    public static IDataView PartlyLabeled(MLContext ml) => ml.Data.LoadFromEnumerable(Hide(All));

    /// <summary>The binary rows (class 2 against the rest, as 1 and 0), NaN where unlabeled.</summary>
    public static IDataView PartlyLabeledBinary(MLContext ml) =>
        ml.Data.LoadFromEnumerable(Hide(All.Select(r => r.With(r.Label == 2 ? 1f : 0f)).ToList()));

    /// <summary>The multiclass rows, every one labeled.</summary>
    public static IDataView FullyLabeled(MLContext ml) => ml.Data.LoadFromEnumerable(All);

    private static List<IrisRow> Hide(IReadOnlyList<IrisRow> rows)
    {
        var seen = new Dictionary<float, int>();
        return rows.Select((r, i) =>
        {
            int count = seen.TryGetValue(All[i].Label, out int c) ? c : 0;
            seen[All[i].Label] = count + 1;
            return count < LabeledPerClass ? r : r.With(float.NaN);
        }).ToList();
    }

    private static IReadOnlyList<IrisRow> Read()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "data", "iris.csv");
        return File.ReadLines(path).Skip(1).Select(line =>
        {
            float[] v = line.Split(',').Select(s => float.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            return new IrisRow { Features = v[..4], FirstView = v[..2], SecondView = v[2..4], Label = v[4] };
        }).ToList();
    }
}

/// <summary>One iris row.</summary>
internal sealed class IrisRow
{
    [VectorType(4)]
    public float[] Features { get; set; } = [];

    [VectorType(2)]
    public float[] FirstView { get; set; } = [];

    [VectorType(2)]
    public float[] SecondView { get; set; } = [];

    public float Label { get; set; }

    public IrisRow With(float label) =>
        new() { Features = Features, FirstView = FirstView, SecondView = SecondView, Label = label };
}
