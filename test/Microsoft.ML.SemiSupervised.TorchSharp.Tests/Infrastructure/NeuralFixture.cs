using System.Globalization;
using Microsoft.ML.SemiSupervised.Neural;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;

/// <summary>
/// The saved-format fixture of neural format version 1: a FixMatch model (iris, every fifth row labeled, QuickOptions,
/// seed 1) saved as test/data/neural_fixmatch_iris_v1.zip, and ten rows' features with the predictions it gave them in
/// neural_fixmatch_iris_v1.csv. <see cref="Write"/> made both (see test/data/PROVENANCE.md); never regenerate them to
/// make a test pass: a new format gets a new contract name and new fixtures beside these. <see cref="WriteReportFixture"/>
/// made the report fixture the same way.
/// </summary>
internal static class NeuralFixture
{
    public const string ZipName = "neural_fixmatch_iris_v1.zip";
    public const string CsvName = "neural_fixmatch_iris_v1.csv";

    /// <summary>The same fit saved with its report (report format v1, kind "Neural"), and that report as <c>ReportText</c> writes it.</summary>
    public const string ReportZipName = "neural_fixmatch_iris_report_v1.zip";
    public const string ReportTextName = "neural_fixmatch_iris_report_v1.report.txt";

    public sealed class Prediction
    {
        public float[] Features { get; set; } = [];

        public uint PredictedLabel { get; set; }

        public float[] Score { get; set; } = [];
    }

    /// <summary>Fits the model and writes the zip and the csv into <paramref name="directory"/>.</summary>
    public static void Write(string directory)
    {
        var ml = new MLContext(seed: 1);
        var data = IrisRows.PartlyLabeled(ml);
        var model = ml.SemiSupervised.FixMatch(QuickOptions.FixMatch()).Fit(data);
        ml.Model.Save(model, data.Schema, Path.Combine(directory, ZipName));
        var rows = IrisRows.All().Where((_, i) => i % 15 == 1).Select(r => new IrisRows.Row { Features = r.Features, Label = float.NaN }).ToArray();
        var predictions = ml.Data.CreateEnumerable<Prediction>(model.Transform(ml.Data.LoadFromEnumerable(rows)), reuseRowObject: false).ToArray();
        var lines = new List<string> { "Features.0,Features.1,Features.2,Features.3,PredictedLabel,Score.0,Score.1,Score.2" };
        foreach (var p in predictions)
        {
            lines.Add(string.Join(",", p.Features.Select(f => f.ToString("R", CultureInfo.InvariantCulture))
                .Append(p.PredictedLabel.ToString(CultureInfo.InvariantCulture))
                .Concat(p.Score.Select(s => s.ToString("R", CultureInfo.InvariantCulture)))));
        }
        File.WriteAllLines(Path.Combine(directory, CsvName), lines);
    }

    /// <summary>Fits the same model and writes it with its report, and the report's text, into <paramref name="directory"/>.</summary>
    public static void WriteReportFixture(string directory)
    {
        var ml = new MLContext(seed: 1);
        var data = IrisRows.PartlyLabeled(ml);
        var model = ml.SemiSupervised.FixMatch(QuickOptions.FixMatch()).Fit(data);
        ml.Model.Save(model, data.Schema, Path.Combine(directory, ReportZipName));
        File.WriteAllText(Path.Combine(directory, ReportTextName), global::Microsoft.ML.SemiSupervised.Tests.Infrastructure.ReportText.Describe(model.Report));
    }

    public static Prediction[] ReadPredictions(string path) => File.ReadAllLines(path).Skip(1)
        .Select(line => line.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray())
        .Select(v => new Prediction { Features = v[..4], PredictedLabel = (uint)v[4], Score = v[5..] })
        .ToArray();
}
