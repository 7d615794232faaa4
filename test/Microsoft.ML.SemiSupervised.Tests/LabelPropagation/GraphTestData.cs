using System.Globalization;
using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

/// <summary>Test data for the graph-based estimators: rows with a feature vector, a label that may be missing, and the true class.</summary>
public sealed class GraphTestData
{
    private GraphTestData(float[][] features, int[] trueLabels, bool[] labeled)
    {
        Features = features;
        TrueLabels = trueLabels;
        Labeled = labeled;
    }

    /// <summary>Each row's features.</summary>
    public float[][] Features { get; }

    /// <summary>Each row's true class.</summary>
    public int[] TrueLabels { get; }

    /// <summary>Whether each row's label is shown.</summary>
    public bool[] Labeled { get; }

    /// <summary>The number of rows.</summary>
    public int Count => Features.Length;

    /// <summary>moons_seed.csv: 500 points, 50 labeled (scikit-learn's make_moons, see PROVENANCE.md).</summary>
    public static GraphTestData Moons()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "moons_seed.csv")).Skip(1);
        var features = new List<float[]>();
        var truth = new List<int>();
        var labeled = new List<bool>();
        foreach (var line in lines)
        {
            var f = line.Split(',');
            features.Add([Parse(f[0]), Parse(f[1])]);
            labeled.Add(f[2].Length > 0);
            truth.Add((int)Parse(f[3]));
        }
        return new GraphTestData(features.ToArray(), truth.ToArray(), labeled.ToArray());
    }

    /// <summary>
    /// A data set of test/data (last column Label) with every 10th row of each class (in file order) labeled: the
    /// split scripts/label_propagation_reference.py uses, so that scikit-learn's figures apply to the same rows.
    /// </summary>
    public static GraphTestData LoadEveryTenthLabeled(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", name + ".csv")).Skip(1);
        var features = new List<float[]>();
        var truth = new List<int>();
        foreach (var line in lines)
        {
            var f = line.Split(',').Select(Parse).ToArray();
            features.Add(f[..^1]);
            truth.Add((int)f[^1]);
        }
        var labeled = new bool[truth.Count];
        var seen = new Dictionary<int, int>();
        for (int i = 0; i < truth.Count; i++)
        {
            int position = seen.GetValueOrDefault(truth[i]);
            labeled[i] = position % 10 == 0;
            seen[truth[i]] = position + 1;
        }
        return new GraphTestData(features.ToArray(), truth.ToArray(), labeled);
    }

    /// <summary>Random Gaussian blobs around <paramref name="classCount"/> centres.</summary>
    public static GraphTestData Blobs(int count, int dimension, int classCount, double labeledFraction, int seed, double spread = 1.0)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, classCount).Select(_ => Enumerable.Range(0, dimension).Select(_ => random.NextDouble() * 10).ToArray()).ToArray();
        var features = new float[count][];
        var truth = new int[count];
        var labeled = new bool[count];
        for (int i = 0; i < count; i++)
        {
            truth[i] = i % classCount;
            features[i] = centres[truth[i]].Select(c => (float)(c + spread * Gaussian(random))).ToArray();
            labeled[i] = i < classCount || random.NextDouble() < labeledFraction;
        }
        return new GraphTestData(features, truth, labeled);
    }

    /// <summary>The same rows (labels, truth) with other features.</summary>
    public GraphTestData WithFeatures(float[][] features) =>
        features.Length == Count ? new GraphTestData(features, TrueLabels, Labeled) : throw new ArgumentException("One feature row per row.", nameof(features));

    /// <summary>The rows whose index satisfies <paramref name="keep"/>, in order.</summary>
    public GraphTestData Where(Func<int, bool> keep)
    {
        var rows = Enumerable.Range(0, Count).Where(keep).ToArray();
        return new GraphTestData(rows.Select(i => Features[i]).ToArray(), rows.Select(i => TrueLabels[i]).ToArray(), rows.Select(i => Labeled[i]).ToArray());
    }

    /// <summary>The rows as a data view: Features (vector of Single) and Label (Single, NaN where hidden).</summary>
    public IDataView ToDataView(MLContext mlContext) =>
        mlContext.Data.LoadFromEnumerable(Enumerable.Range(0, Count).Select(i => new Row
        {
            Features = Features[i],
            Label = Labeled[i] ? TrueLabels[i] : float.NaN,
        }), SchemaFor(Features[0].Length));

    /// <summary>The rows with a text label (empty where hidden).</summary>
    public IDataView ToTextDataView(MLContext mlContext) =>
        mlContext.Data.LoadFromEnumerable(Enumerable.Range(0, Count).Select(i => new TextRow
        {
            Features = Features[i],
            Label = Labeled[i] ? "class" + TrueLabels[i].ToString(CultureInfo.InvariantCulture) : string.Empty,
        }), SchemaFor<TextRow>(Features[0].Length));

    /// <summary>Accuracy of <paramref name="predicted"/> (a class per row, -1 for none) over the hidden rows.</summary>
    public double UnlabeledAccuracy(IReadOnlyList<int> predicted)
    {
        var rows = Enumerable.Range(0, Count).Where(i => !Labeled[i]).ToArray();
        return rows.Count(i => predicted[i] == TrueLabels[i]) / (double)rows.Length;
    }

    /// <summary>The Single column <paramref name="name"/> of <paramref name="data"/> as class numbers (-1 for NaN).</summary>
    public static int[] ReadClasses(IDataView data, string name = "PropagatedLabel") =>
        data.GetColumn<float>(name).Select(v => float.IsNaN(v) ? -1 : (int)v).ToArray();

    private static SchemaDefinition SchemaFor(int dimension) => SchemaFor<Row>(dimension);

    private static SchemaDefinition SchemaFor<T>(int dimension)
    {
        var schema = SchemaDefinition.Create(typeof(T));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return schema;
    }

    private static float Parse(string text) => text.Length == 0 ? float.NaN : float.Parse(text, CultureInfo.InvariantCulture);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>A row with a Single label.</summary>
    public sealed class Row
    {
        /// <summary>The features.</summary>
        public float[] Features { get; set; } = [];

        /// <summary>The label, NaN when hidden.</summary>
        public float Label { get; set; }
    }

    /// <summary>A row with a text label.</summary>
    public sealed class TextRow
    {
        /// <summary>The features.</summary>
        public float[] Features { get; set; } = [];

        /// <summary>The label, empty when hidden.</summary>
        public string Label { get; set; } = string.Empty;
    }
}
