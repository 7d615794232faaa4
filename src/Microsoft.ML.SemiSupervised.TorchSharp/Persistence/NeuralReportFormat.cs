using System.Text.Json;
using Microsoft.ML.SemiSupervised.Reports;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// How a <see cref="NeuralReport"/> travels in a saved model: kind "Neural" of the core's saved report (report format
/// v1, contract <c>Report.ConstantKey.v1</c>), every property the report's constructor takes, doubles as round-trip text.
/// The names are part of the format: changing one breaks reading the reports of models saved before.
/// </summary>
internal sealed class NeuralReportFormat : IReportFormat
{
    /// <inheritdoc />
    public string Kind => "Neural";

    /// <inheritdoc />
    public void Write(Utf8JsonWriter writer, object report)
    {
        var neural = (NeuralReport)report;
        writer.WriteString("method", neural.Method);
        writer.WriteNumber("labeledRowCount", neural.LabeledRowCount);
        writer.WriteNumber("unlabeledRowCount", neural.UnlabeledRowCount);
        writer.WriteStartArray("epochs");
        foreach (var epoch in neural.Epochs)
        {
            writer.WriteStartObject();
            writer.WriteNumber("epoch", epoch.Epoch);
            writer.WriteNumber("steps", epoch.Steps);
            ReportWriter.Double(writer, "labeledLoss", epoch.LabeledLoss);
            ReportWriter.Double(writer, "unlabeledLoss", epoch.UnlabeledLoss);
            ReportWriter.Double(writer, "unlabeledWeight", epoch.UnlabeledWeight);
            ReportWriter.Double(writer, "learningRate", epoch.LearningRate);
            ReportWriter.Double(writer, "maskRate", epoch.MaskRate);
            NullableDouble(writer, "pseudoLabelAccuracy", epoch.PseudoLabelAccuracy);
            NullableDouble(writer, "validationAccuracy", epoch.ValidationAccuracy);
            writer.WriteNumber("elapsedTicks", epoch.Elapsed.Ticks);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteString("stopReason", neural.StopReason.ToString());
        if (neural.BestEpoch is { } best)
            writer.WriteNumber("bestEpoch", best);
        else
            writer.WriteNull("bestEpoch");
        writer.WriteNumber("seed", neural.Seed);
    }

    /// <inheritdoc />
    public object Read(JsonElement root) => new NeuralReport(
        root.GetProperty("method").GetString()!,
        root.GetProperty("labeledRowCount").GetInt32(),
        root.GetProperty("unlabeledRowCount").GetInt32(),
        root.GetProperty("epochs").EnumerateArray().Select(e => new NeuralEpoch(
            e.GetProperty("epoch").GetInt32(), e.GetProperty("steps").GetInt32(),
            ReportReader.Double(e.GetProperty("labeledLoss")), ReportReader.Double(e.GetProperty("unlabeledLoss")),
            ReportReader.Double(e.GetProperty("unlabeledWeight")), ReportReader.Double(e.GetProperty("learningRate")),
            ReportReader.Double(e.GetProperty("maskRate")), NullableDouble(e.GetProperty("pseudoLabelAccuracy")),
            NullableDouble(e.GetProperty("validationAccuracy")), TimeSpan.FromTicks(e.GetProperty("elapsedTicks").GetInt64()))).ToArray(),
        Enum.Parse<NeuralStopReason>(root.GetProperty("stopReason").GetString()!),
        root.GetProperty("bestEpoch") is { ValueKind: JsonValueKind.Null } ? null : root.GetProperty("bestEpoch").GetInt32(),
        root.GetProperty("seed").GetInt32());

    private static void NullableDouble(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
            ReportWriter.Double(writer, name, v);
        else
            writer.WriteNull(name);
    }

    private static double? NullableDouble(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : ReportReader.Double(element);
}
