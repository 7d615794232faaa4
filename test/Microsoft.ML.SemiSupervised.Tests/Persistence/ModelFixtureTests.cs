using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Persistence;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.Persistence;

/// <summary>
/// The saved co-training, tri-training and label spreading fixtures (test/data/*_v1.zip, *_v3.zip, written by the benchmark project's
/// <c>model-fixtures</c> command, see test/data/PROVENANCE.md) still load in a fresh MLContext and give, on ten fixed
/// rows, the predictions stored beside them (name.csv) when they were saved: the save format cannot drift silently.
/// Every contract in <see cref="ModelContracts"/> is named by at least one fixture zip in test/data. The report fixtures
/// (name.report.txt) give back, loaded, the report they were saved with; the fixtures saved before reports carry none.
/// </summary>
public sealed class ModelFixtureTests
{
    private static readonly string DataDirectory = Path.Combine(AppContext.BaseDirectory, "data");

    public static TheoryData<string> Fixtures => new()
    {
        "cotraining_binary_product_v1",
        "cotraining_binary_mean_v1",
        "cotraining_multiclass_product_v1",
        "cotraining_multiclass_mean_v1",
        "tritraining_binary_vote_v1",
        "tritraining_multiclass_vote_v1",
        "label_spreading_wine_v3",
        "label_spreading_wine_cosine_v1",
        "cotraining_binary_mean_report_v1",
        "tritraining_multiclass_vote_report_v1",
    };

    /// <summary>The fixtures saved with their report (report format v1), and the report type each carries.</summary>
    public static TheoryData<string, Type> ReportFixtures => new()
    {
        { "cotraining_binary_mean_report_v1", typeof(ML.SemiSupervised.CoTraining.CoTrainingReport) },
        { "tritraining_multiclass_vote_report_v1", typeof(ML.SemiSupervised.TriTraining.TriTrainingReport) },
        { "label_spreading_iris_report_v1", typeof(ML.SemiSupervised.LabelPropagation.LabelPropagationReport) },
    };

    /// <summary>Fixtures saved before reports were saved with models: they load, and carry no report.</summary>
    public static TheoryData<string> FixturesWithoutReport => new()
    {
        "cotraining_binary_mean_v1",
        "tritraining_multiclass_vote_v1",
        "label_spreading_moons_v1",
        "label_spreading_moons_v2",
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void LoadFixture_FreshContext_PredictsWhatItPredictedWhenSaved(string name)
    {
        var (header, rows) = ReadCsv(Path.Combine(DataDirectory, name + ".csv"));
        int dimension = header.Count(h => h.StartsWith("Features.", StringComparison.Ordinal));
        int predictedColumn = Array.IndexOf(header, "PredictedLabel");
        Assert.Equal(dimension, predictedColumn);
        Assert.Equal(10, rows.Length);

        var ml = new MLContext(42);
        var model = ml.Model.Load(Path.Combine(DataDirectory, name + ".zip"), out _);
        var input = DataViews.Load(ml, rows.Select(r => new FloatLabelRow { Label = float.NaN, Features = r[..dimension] }), dimension);
        var scored = model.Transform(input);

        bool binary = header.Contains("Probability");
        if (binary)
        {
            Assert.Equal(rows.Select(r => r[predictedColumn] == 1), scored.GetColumn<bool>("PredictedLabel"));
            AssertClose(rows.Select(r => r[Array.IndexOf(header, "Score")]), scored.GetColumn<float>("Score"));
            AssertClose(rows.Select(r => r[Array.IndexOf(header, "Probability")]), scored.GetColumn<float>("Probability"));
        }
        else
        {
            Assert.Equal(rows.Select(r => (uint)r[predictedColumn]), scored.GetColumn<uint>("PredictedLabel"));
            var scores = scored.GetColumn<float[]>("Score").ToArray();
            Assert.Equal(header.Length - predictedColumn - 1, scores[0].Length);
            AssertClose(rows.SelectMany(r => r[(predictedColumn + 1)..]), scores.SelectMany(s => s));
        }
    }

    [Theory]
    [MemberData(nameof(ReportFixtures))]
    public void LoadReportFixture_FreshContext_GetReportEqualsTheReportSavedWithIt(string name, Type reportType)
    {
        var ml = new MLContext(42);
        var model = ml.Model.Load(Path.Combine(DataDirectory, name + ".zip"), out _);

        var report = GetReport(ml, model, reportType);

        Assert.NotNull(report);
        Assert.Equal(File.ReadAllText(Path.Combine(DataDirectory, name + ".report.txt")), ReportText.Describe(report!));
    }

    [Theory]
    [MemberData(nameof(FixturesWithoutReport))]
    public void LoadFixtureSavedBeforeReports_GetReport_ReturnsNull(string name)
    {
        var ml = new MLContext(42);
        var model = ml.Model.Load(Path.Combine(DataDirectory, name + ".zip"), out _);

        Assert.Null(ml.SemiSupervised.GetReport<ML.SemiSupervised.CoTraining.CoTrainingReport>(model));
        Assert.Null(ml.SemiSupervised.GetReport<ML.SemiSupervised.TriTraining.TriTrainingReport>(model));
        Assert.Null(ml.SemiSupervised.GetReport<ML.SemiSupervised.LabelPropagation.LabelPropagationReport>(model));
    }

    [Fact]
    public void EveryContract_IsNamedByAFixtureZip()
    {
        var zips = Directory.GetFiles(DataDirectory, "*.zip").Select(ZipEntries).ToArray();
        var contracts = typeof(ModelContracts).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();

        Assert.Equal(19, contracts.Length);
        var unnamed = contracts.Where(c => !zips.Any(z => Names(z, c))).ToArray();
        Assert.True(unnamed.Length == 0, $"No fixture zip in test/data names: {string.Join(", ", unnamed)}");
    }

    private static object? GetReport(MLContext ml, ITransformer model, Type reportType) =>
        typeof(SemiSupervisedCatalog).GetMethod(nameof(SemiSupervisedCatalog.GetReport))!.MakeGenericMethod(reportType).Invoke(ml.SemiSupervised, [model]);

    // ML.NET writes the strings of a model (the contract name among them) as UTF-16 into the entries' string tables.
    private static bool Names(byte[][] entries, string contract)
    {
        var bytes = Encoding.Unicode.GetBytes(contract);
        return entries.Any(e => e.AsSpan().IndexOf(bytes) >= 0);
    }

    private static byte[][] ZipEntries(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.Select(entry =>
        {
            using var stream = entry.Open();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return memory.ToArray();
        }).ToArray();
    }

    private static void AssertClose(IEnumerable<float> expected, IEnumerable<float> actual)
    {
        var e = expected.ToArray();
        var a = actual.ToArray();
        Assert.Equal(e.Length, a.Length);
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= 1e-5 + 1e-4 * Math.Abs(e[i]), $"value {i}: expected {e[i]}, got {a[i]}");
    }

    private static (string[] Header, float[][] Rows) ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var rows = lines.Skip(1).Select(l => l.Split(',').Select(f => float.Parse(f, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        return (lines[0].Split(','), rows);
    }
}
