using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Neural;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Benchmarks;

/// <summary>
/// The model the prediction benchmarks score with: FixMatch's default perceptron (two hidden layers of 256) on the
/// repository's digits split (test/data/digits_train.csv, 8x8 images, 5 % labels), 5 epochs, seed 1, one thread (the
/// prediction's speed does not depend on how well it was trained), live and saved then loaded in a fresh MLContext;
/// the rows to score are digits_test.csv's 539 rows, repeated to the count asked for.
/// </summary>
internal static class DigitsScoringModel
{
    public const int Side = 8;

    public static (MLContext Context, ITransformer Live, ITransformer Loaded, byte[] Zip) FitSaveLoad()
    {
        var mlContext = new MLContext(seed: 1);
        var train = Load(mlContext, "digits_train.csv");
        var live = mlContext.SemiSupervised.FixMatch(new FixMatchOptions
        {
            MaximumNumberOfIterations = 5,
            ImageHeight = Side,
            ImageWidth = Side,
            Seed = 1,
            NumberOfThreads = 1,
        }).Fit(train);
        using var stream = new MemoryStream();
        mlContext.Model.Save(live, train.Schema, stream);
        var zip = stream.ToArray();
        var loaded = new MLContext(seed: 2).Model.Load(new MemoryStream(zip), out _);
        return (mlContext, live, loaded, zip);
    }

    /// <summary><paramref name="count"/> rows of digits_test.csv (repeated), cached in memory.</summary>
    public static IDataView Rows(MLContext mlContext, int count)
    {
        var test = mlContext.Data.CreateEnumerable<Row>(Load(mlContext, "digits_test.csv"), reuseRowObject: false).ToArray();
        var rows = Enumerable.Range(0, count).Select(i => test[i % test.Length]).ToArray();
        return mlContext.Data.Cache(mlContext.Data.LoadFromEnumerable(rows));
    }

    /// <summary>Scores <paramref name="rows"/> and reads every Score vector (the whole prediction runs).</summary>
    public static double Score(ITransformer model, IDataView rows) =>
        model.Transform(rows).GetColumn<float[]>("Score").Sum(s => s[0]);

    private static IDataView Load(MLContext mlContext, string file) => mlContext.Data.LoadFromTextFile(
        Path.Combine(AppContext.BaseDirectory, "data", file),
        new TextLoader.Options
        {
            Columns = [new TextLoader.Column("Features", DataKind.Single, 0, 63), new TextLoader.Column("Label", DataKind.Single, 64)],
            HasHeader = true,
            Separators = [','],
            MissingRealsAsNaNs = true,
        });

    public sealed class Row
    {
        [VectorType(64)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }
}
