using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Benchmarks;

/// <summary>
/// The Fashion-MNIST split written by scripts/fashion-mnist-setup.sh: train.csv, 60,000 images of 28x28 of which 1,000 keep
/// their label (100 per class; the other Label fields are empty, read as NaN), and test.csv, the 10,000 test images.
/// Each row: 784 pixels (0-255, row after row), then Label (0-9).
/// </summary>
internal sealed class FashionMnistData
{
    public const int Side = 28;
    public const int PixelCount = Side * Side;

    private readonly string _folder;

    public FashionMnistData(string folder)
    {
        _folder = folder;
        foreach (var file in new[] { "train.csv", "test.csv" })
        {
            if (!File.Exists(Path.Combine(folder, file)))
                throw new FileNotFoundException($"'{Path.Combine(folder, file)}' is missing: run scripts/fashion-mnist-setup.sh first.");
        }
    }

    /// <summary>The 60,000 training rows, 1,000 labeled.</summary>
    public IDataView Train(MLContext mlContext, bool cache = false) => Load(mlContext, "train.csv", cache);

    /// <summary>
    /// The true class of each of the 60,000 training rows, in train.csv's order (the package's label file, which the split keeps in
    /// order): the runner reports how right the pseudo-labels are. Null when the package's file is not there.
    /// </summary>
    public int[]? TrainTruth()
    {
        const string labels = "/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz";
        if (!File.Exists(labels))
            return null;
        using var file = new System.IO.Compression.GZipStream(File.OpenRead(labels), System.IO.Compression.CompressionMode.Decompress);
        using var memory = new MemoryStream();
        file.CopyTo(memory);
        return memory.ToArray().Skip(8).Select(b => (int)b).ToArray();
    }

    /// <summary>The 10,000 test rows.</summary>
    public IDataView Test(MLContext mlContext) => Load(mlContext, "test.csv", cache: false);

    private IDataView Load(MLContext mlContext, string file, bool cache)
    {
        var view = mlContext.Data.LoadFromTextFile(Path.Combine(_folder, file), new TextLoader.Options
        {
            Columns = [new TextLoader.Column("Features", DataKind.Single, 0, PixelCount - 1), new TextLoader.Column("Label", DataKind.Single, PixelCount)],
            HasHeader = true,
            Separators = [','],
            MissingRealsAsNaNs = true,
        });
        // The neural estimators read their rows once; the classical trainers pass over them many times (cached).
        return cache ? mlContext.Data.Cache(view) : view;
    }
}
