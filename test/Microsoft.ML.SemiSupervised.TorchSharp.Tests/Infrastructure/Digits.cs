using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;

/// <summary>
/// The repository's digits split (test/data/PROVENANCE.md): digits_train.csv, 1258 rows of 8x8 images of which 62 keep
/// their label (5 % of each class; the others' Label field is empty, read as NaN), and digits_test.csv, 539 labeled rows.
/// </summary>
internal static class Digits
{
    public const int Side = 8;

    public static IDataView Train(MLContext mlContext) => Load(mlContext, "digits_train.csv");

    public static IDataView Test(MLContext mlContext) => Load(mlContext, "digits_test.csv");

    /// <summary>The training rows whose label is known (the 62 labeled rows only).</summary>
    public static IDataView LabeledTrain(MLContext mlContext) =>
        mlContext.Data.FilterRowsByMissingValues(Train(mlContext), "Label");

    private static IDataView Load(MLContext mlContext, string file) => mlContext.Data.LoadFromTextFile(
        Path.Combine(AppContext.BaseDirectory, "data", file),
        new TextLoader.Options
        {
            Columns = [new TextLoader.Column("Features", DataKind.Single, 0, 63), new TextLoader.Column("Label", DataKind.Single, 64)],
            HasHeader = true,
            Separators = [','],
            MissingRealsAsNaNs = true,
        });
}
