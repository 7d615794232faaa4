using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.ML.SemiSupervised.Auto;
using Microsoft.ML.SemiSupervised.CoTraining;
using Microsoft.ML.SemiSupervised.Diagnostics;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.TriTraining;

namespace Microsoft.ML.SemiSupervised.Reports;

/// <summary>
/// Writes a fit's report as JSON text (report format version 1), the form a saved model carries it in: every
/// property the report's constructor takes, so that <see cref="ReportReader"/> gives back an equal report. Numbers
/// that are not integers are written as text in their shortest round-trip form ("R"), so that every double comes
/// back bit for bit and NaN (an AUC not measured) survives.
/// </summary>
internal static class ReportWriter
{
    /// <summary>The report format version this library writes (and the newest it reads).</summary>
    public const int Version = 1;

    /// <summary>
    /// The JSON text of <paramref name="report"/>, a label propagation, co-training, tri-training or Auto report, or a
    /// report type of another assembly that names its format (<see cref="SavedReportFormatAttribute"/>).
    /// </summary>
    public static string Write(object report)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", Version);
            writer.WriteString("kind", ReportKinds.Of(report.GetType()));
            switch (report)
            {
                case LabelPropagationReport graph:
                    Write(writer, graph);
                    break;
                case CoTrainingReport co:
                    Write(writer, co);
                    break;
                case TriTrainingReport tri:
                    Write(writer, tri);
                    break;
                case AutoReport auto:
                    Write(writer, auto);
                    break;
                default:
                    // A report type of another assembly (IReportFormat): the package that reads it, then its own properties.
                    writer.WriteString("package", report.GetType().Assembly.GetName().Name);
                    ReportKinds.FormatOf(report.GetType())!.Write(writer, report);
                    break;
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, LabelPropagationReport report)
    {
        writer.WriteNumber("numberOfIterations", report.NumberOfIterations);
        writer.WriteBoolean("converged", report.Converged);
        writer.WriteNumber("rowCount", report.RowCount);
        writer.WriteNumber("labeledRowCount", report.LabeledRowCount);
        writer.WriteNumber("unreachedRowCount", report.UnreachedRowCount);
        writer.WriteNumber("fallbackRowCount", report.FallbackRowCount);
        writer.WriteNumber("graphEntryCount", report.GraphEntryCount);
        Write(writer, report.DistributionShift);
    }

    private static void Write(Utf8JsonWriter writer, CoTrainingReport report)
    {
        Strings(writer, "classNames", report.ClassNames);
        writer.WriteStartArray("iterations");
        foreach (var round in report.Iterations)
        {
            writer.WriteStartObject();
            writer.WriteNumber("iteration", round.Iteration);
            Table(writer, "addedPerViewAndClass", round.AddedPerViewAndClass);
            Double(writer, "agreementRate", round.AgreementRate);
            writer.WriteNumber("poolCount", round.PoolCount);
            writer.WriteNumber("labeledCount", round.LabeledCount);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteString("stopReason", report.StopReason.ToString());
        Integers(writer, "labeledIteration", report.LabeledIteration);
        Integers(writer, "assignedClass", report.AssignedClass);
        Integers(writer, "firstViewSlots", report.FirstViewSlots);
        Integers(writer, "secondViewSlots", report.SecondViewSlots);
        writer.WriteBoolean("calibrated", report.Calibrated);
        Write(writer, report.DistributionShift);
    }

    private static void Write(Utf8JsonWriter writer, TriTrainingReport report)
    {
        Strings(writer, "classNames", report.ClassNames);
        writer.WriteStartArray("iterations");
        foreach (var round in report.Iterations)
        {
            writer.WriteStartObject();
            writer.WriteNumber("iteration", round.Iteration);
            Table(writer, "addedPerModelAndClass", round.AddedPerModelAndClass);
            Doubles(writer, "errorEstimates", round.ErrorEstimates);
            Doubles(writer, "agreementRates", round.AgreementRates);
            writer.WriteStartArray("updated");
            foreach (var updated in round.Updated)
                writer.WriteBooleanValue(updated);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteString("stopReason", report.StopReason.ToString());
        writer.WriteNumber("labeledCount", report.LabeledCount);
        writer.WriteNumber("unlabeledCount", report.UnlabeledCount);
        writer.WriteBoolean("calibrated", report.Calibrated);
        Write(writer, report.DistributionShift);
    }

    private static void Write(Utf8JsonWriter writer, AutoReport report)
    {
        writer.WriteStartArray("candidates");
        foreach (var candidate in report.Candidates)
        {
            writer.WriteStartObject();
            writer.WriteString("name", candidate.Name);
            writer.WriteString("skipReason", candidate.SkipReason);
            Doubles(writer, "foldAccuracies", candidate.FoldAccuracies);
            Doubles(writer, "supervisedFoldAccuracies", candidate.SupervisedFoldAccuracies);
            Double(writer, "lowerConfidenceBound", candidate.LowerConfidenceBound);
            Double(writer, "confidenceLevel", candidate.ConfidenceLevel);
            Double(writer, "signTestPValue", candidate.SignTestPValue);
            Table(writer, "foldCounts", candidate.FoldCounts.Select(c => new[] { c.CandidateOnly, c.SupervisedOnly, c.TestRows }));
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteString("chosenCandidate", report.ChosenCandidate);
        writer.WriteString("reason", report.Reason);
        writer.WriteNumber("numberOfFolds", report.NumberOfFolds);
        writer.WriteNumber("numberOfRepeats", report.NumberOfRepeats);
        writer.WriteNumber("numberOfFits", report.NumberOfFits);
        writer.WriteNumber("elapsedTicks", report.Elapsed.Ticks);
        writer.WriteString("decisionRule", report.DecisionRule.ToString());
        writer.WriteString("evidence", report.Evidence.ToString());
        Write(writer, report.DistributionShift);
    }

    private static void Write(Utf8JsonWriter writer, DistributionShiftReport? shift)
    {
        if (shift is null)
        {
            writer.WriteNull("distributionShift");
            return;
        }
        writer.WriteStartObject("distributionShift");
        Double(writer, "auc", shift.Auc);
        Doubles(writer, "aucPerFold", shift.AucPerFold);
        Double(writer, "threshold", shift.Threshold);
        writer.WriteStartArray("topFeatures");
        foreach (var feature in shift.TopFeatures)
        {
            writer.WriteStartObject();
            writer.WriteString("name", feature.Name);
            writer.WriteNumber("slot", feature.Slot);
            Double(writer, "weight", feature.Weight);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteNumber("labeledCount", shift.LabeledCount);
        writer.WriteNumber("unlabeledCount", shift.UnlabeledCount);
        writer.WriteEndObject();
    }

    /// <summary>Writes a double as text in its round-trip form (NaN as "NaN"); <see cref="ReportReader.Double"/> reads it.</summary>
    internal static void Double(Utf8JsonWriter writer, string name, double value) =>
        writer.WriteString(name, value.ToString("R", CultureInfo.InvariantCulture));

    private static void Doubles(Utf8JsonWriter writer, string name, IEnumerable<double> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
            writer.WriteStringValue(value.ToString("R", CultureInfo.InvariantCulture));
        writer.WriteEndArray();
    }

    private static void Integers(Utf8JsonWriter writer, string name, IEnumerable<int>? values)
    {
        if (values is null)
        {
            writer.WriteNull(name);
            return;
        }
        writer.WriteStartArray(name);
        foreach (var value in values)
            writer.WriteNumberValue(value);
        writer.WriteEndArray();
    }

    private static void Table(Utf8JsonWriter writer, string name, IEnumerable<IEnumerable<int>> rows)
    {
        writer.WriteStartArray(name);
        foreach (var row in rows)
        {
            writer.WriteStartArray();
            foreach (var value in row)
                writer.WriteNumberValue(value);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
            writer.WriteStringValue(value);
        writer.WriteEndArray();
    }
}
