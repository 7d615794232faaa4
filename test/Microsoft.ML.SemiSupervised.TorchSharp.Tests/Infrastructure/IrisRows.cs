using System.Globalization;
using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;

/// <summary>
/// test/data/iris.csv as rows for the quick tests: 150 rows of 4 features, 3 classes (0, 1, 2); every fifth row keeps
/// its label (30 labeled, 10 a class), the others get NaN.
/// </summary>
internal static class IrisRows
{
    public sealed class Row
    {
        [VectorType(4)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }

    /// <summary>Every row with its true label.</summary>
    public static Row[] All()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "iris.csv")).Skip(1);
        return lines.Select(line => line.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .Select(v => new Row { Features = v[..4], Label = v[4] })
            .ToArray();
    }

    /// <summary>Every row; only every fifth keeps its label.</summary>
    public static Row[] PartlyLabeled() =>
        All().Select((r, i) => new Row { Features = r.Features, Label = i % 5 == 0 ? r.Label : float.NaN }).ToArray();

    public static IDataView PartlyLabeled(MLContext mlContext) => mlContext.Data.LoadFromEnumerable(PartlyLabeled());

    public static IDataView AllLabeled(MLContext mlContext) => mlContext.Data.LoadFromEnumerable(All());
}
