using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.CoTraining;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.SelfTraining;
using Microsoft.ML.SemiSupervised.TriTraining;

namespace Microsoft.ML.SemiSupervised.Tests.Labels;

/// <summary>
/// Issue 8, item 9: whitespace-only text is unlabeled like empty text (also as a key value made by
/// <c>MapValueToKey</c>, which keeps " " as a value of its own), and an infinite numeric label is an error naming the
/// column and the row, in the label reader every estimator reads its labels through.
/// </summary>
/// <remarks>
/// Data: 60 rows, three Gaussian classes in two dimensions (centre of class c: (3c, 0), unit noise,
/// <c>new Random(5)</c>); rows 0-8 carry their class, rows 9-14 a whitespace-only label, the rest empty text.
/// </remarks>
public sealed class LabelReadingTests
{
    private static readonly string[] Blanks = { " ", "\t", "  ", "\n", " \r\n", "\u00A0" };
    private readonly MLContext _ml = new(1);

    [Fact]
    public void Reader_WhitespaceOnlyText_IsUnlabeled()
    {
        var labels = Read(TextRows().Select(r => r.Label).ToArray());

        Assert.Equal(new[] { "class0", "class1", "class2" }, labels.Catalog.Names);
        Assert.Equal(9, labels.LabeledCount);
        Assert.All(labels.Classes.Skip(9), c => Assert.Equal(-1, c));
    }

    [Fact]
    public void Reader_KeyValueOfWhitespaceOnlyText_IsUnlabeled()
    {
        var keyed = Keyed(TextView());
        Assert.Equal(9ul, ((KeyDataViewType)keyed.Schema["Label"].Type).Count); // MapValueToKey keeps each blank text as a key value

        var labels = ReadColumn(keyed);

        Assert.Equal(9, labels.LabeledCount);
        Assert.All(labels.Classes.Skip(9), c => Assert.Equal(-1, c));
        Assert.Equal(new[] { 3, 3, 3, 0, 0, 0, 0, 0, 0 }, labels.CountPerClass());
    }

    public static TheoryData<string> Estimators() => new() { "SelfTraining", "CoTraining", "TriTraining", "LabelPropagation", "LabelSpreading" };

    [Theory]
    [MemberData(nameof(Estimators))]
    public void Fit_WhitespaceOnlyLabels_AreUnlabeled(string estimator)
    {
        // Trainer-based estimators take a key label (MapValueToKey of the text); the graph-based ones take the text too.
        var text = TextView();
        var data = estimator.StartsWith("Label", StringComparison.Ordinal) ? text : Keyed(text);

        int labeled = LabeledCount(estimator, data);

        Assert.Equal(9, labeled);
    }

    [Theory]
    [InlineData("LabelPropagation")]
    [InlineData("LabelSpreading")]
    public void Fit_GraphOnKeyedWhitespaceOnlyLabels_AreUnlabeled(string estimator)
    {
        int labeled = LabelCountOfGraph(estimator, Keyed(TextView()));

        Assert.Equal(9, labeled);
    }

    [Fact]
    public void Fit_BinaryKeyWithAWhitespaceOnlyKeyValue_ThrowsNamingTheFix()
    {
        // Classes 0 and 1 labeled, row 20 " ", the rest empty: MapValueToKey makes class0, class1 and " " its three key values.
        var rows = TextRows().Select((r, i) => (i == 20 ? " " : i < 9 && i % 3 < 2 ? r.Label : "", r.Features));
        var keyed = Keyed(Load(rows));

        var e = Assert.Throws<ArgumentException>(() => _ml.SemiSupervised.SelfTraining(_ml.BinaryClassification.Trainers.LbfgsLogisticRegression()).Fit(keyed));

        Assert.Equal("Label column 'Label' is a key with 3 values, 1 of them empty or whitespace-only text (which marks unlabeled rows), but a binary trainer, " +
            "like ML.NET's binary evaluator, needs a key with exactly 2 values. Make those labels empty text before MapValueToKey (which maps empty text " +
            "to the missing key), or use a Single label with 0, 1 and NaN.", e.Message);
    }

    public static TheoryData<string, bool, double> InfiniteLabels()
    {
        var data = new TheoryData<string, bool, double>();
        foreach (var estimator in new[] { "SelfTraining", "CoTraining", "TriTraining" })
        {
            data.Add(estimator, true, double.PositiveInfinity);
            data.Add(estimator, false, double.NegativeInfinity);
        }
        data.Add("LabelPropagation", false, double.PositiveInfinity);
        data.Add("LabelSpreading", false, double.NegativeInfinity);
        return data;
    }

    [Theory]
    [MemberData(nameof(InfiniteLabels))]
    public void Fit_InfiniteSingleLabel_ThrowsNamingColumnAndRow(string estimator, bool binary, double infinity)
    {
        var data = NumberView(binary, (float)infinity);

        var e = Assert.Throws<ArgumentException>(() => Fit(estimator, binary, data));

        Assert.Equal($"Label column 'Label' holds {(infinity > 0 ? "Infinity" : "-Infinity")} in row 4. A label must be a class value, or NaN for an unlabeled row: " +
            "replace that value or filter the row out.", e.Message);
    }

    [Fact]
    public void Reader_InfiniteDoubleLabel_ThrowsNamingColumnAndRow()
    {
        var rows = new[] { 0d, double.NaN, 1d, double.PositiveInfinity }.Select(l => new { Target = l }).ToList();
        var data = _ml.Data.LoadFromEnumerable(rows);

        var e = Assert.Throws<ArgumentException>(() => ReadColumn(data, "Target"));

        Assert.Equal("Label column 'Target' holds Infinity in row 3. A label must be a class value, or NaN for an unlabeled row: replace that value or filter the row out.", e.Message);
    }

    private int LabeledCount(string estimator, IDataView data)
    {
        switch (estimator)
        {
            case "SelfTraining":
                return _ml.SemiSupervised.SelfTraining(_ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), new SelfTrainingOptions { Seed = 1 })
                    .FitWithReport(data).Report.OriginallyLabeledCount;
            case "CoTraining":
                var co = _ml.SemiSupervised.CoTraining(_ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(),
                    new CoTrainingOptions { Seed = 1, FirstViewSlots = new[] { 0 } }).Fit(data);
                return co.Report.LabeledIteration.Count(r => r == 0);
            case "TriTraining":
                return _ml.SemiSupervised.TriTraining(_ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), new TriTrainingOptions { Seed = 1 })
                    .Fit(data).Report.LabeledCount;
            default:
                return LabelCountOfGraph(estimator, data);
        }
    }

    private int LabelCountOfGraph(string estimator, IDataView data) => (estimator == "LabelPropagation"
        ? _ml.SemiSupervised.LabelPropagation(numberOfNeighbors: 5)
        : _ml.SemiSupervised.LabelSpreading(numberOfNeighbors: 5)).Fit(data).Report.LabeledRowCount;

    private object Fit(string estimator, bool binary, IDataView data)
    {
        var b = _ml.BinaryClassification.Trainers;
        var m = _ml.MulticlassClassification.Trainers;
        return (estimator, binary) switch
        {
            ("SelfTraining", true) => _ml.SemiSupervised.SelfTraining(b.LbfgsLogisticRegression()).Fit(data),
            ("SelfTraining", false) => _ml.SemiSupervised.SelfTraining(m.LbfgsMaximumEntropy()).Fit(data),
            ("CoTraining", true) => _ml.SemiSupervised.CoTraining(b.LbfgsLogisticRegression(), b.LbfgsLogisticRegression()).Fit(data),
            ("CoTraining", false) => _ml.SemiSupervised.CoTraining(m.LbfgsMaximumEntropy(), m.LbfgsMaximumEntropy()).Fit(data),
            ("TriTraining", true) => _ml.SemiSupervised.TriTraining(b.LbfgsLogisticRegression()).Fit(data),
            ("TriTraining", false) => _ml.SemiSupervised.TriTraining(m.LbfgsMaximumEntropy()).Fit(data),
            ("LabelPropagation", _) => _ml.SemiSupervised.LabelPropagation(numberOfNeighbors: 5).Fit(data),
            _ => _ml.SemiSupervised.LabelSpreading(numberOfNeighbors: 5).Fit(data),
        };
    }

    private static (string Label, float[] Features)[] TextRows()
    {
        var random = new Random(5);
        return Enumerable.Range(0, 60).Select(i =>
        {
            int c = i % 3;
            string label = i < 9 ? "class" + c : i < 15 ? Blanks[i - 9] : "";
            return (label, new[] { 3f * c + (float)Gaussian(random), (float)Gaussian(random) });
        }).ToArray();
    }

    private IDataView TextView() => Load(TextRows());

    /// <summary>Rows 0-3 labeled 0/1 (binary) or 0/1/2, row 4 <paramref name="infinity"/>, the rest NaN.</summary>
    private IDataView NumberView(bool binary, float infinity)
    {
        var rows = TextRows();
        int classes = binary ? 2 : 3;
        return Load(rows.Select((r, i) => (i < 4 ? i % classes : i == 4 ? infinity : float.NaN, r.Features)));
    }

    private IDataView Keyed(IDataView text) => _ml.Transforms.Conversion.MapValueToKey("Label").Fit(text).Transform(text);

    private LabelSet Read(string[] labels) =>
        ReadColumn(_ml.Data.LoadFromEnumerable(labels.Select(l => new { Label = l }).ToList()));

    private static LabelSet ReadColumn(IDataView data, string column = "Label")
    {
        using var cursor = data.GetRowCursor(new[] { data.Schema[column] });
        var reader = LabelColumnReader.Create(cursor, column);
        while (cursor.MoveNext())
            reader.ReadCurrentRow();
        return reader.Finish(LabelTask.Multiclass);
    }

    private IDataView Load<T>(IEnumerable<(T Label, float[] Features)> rows)
    {
        var schema = SchemaDefinition.Create(typeof(Row<T>));
        schema[nameof(Row<T>.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 2);
        return _ml.Data.LoadFromEnumerable(rows.Select(r => new Row<T> { Label = r.Label, Features = r.Features }).ToList(), schema);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private sealed class Row<T>
    {
        public T Label { get; set; } = default!;

        public float[] Features { get; set; } = Array.Empty<float>();
    }
}
