using System.Globalization;
using System.Text.Json;
using Microsoft.ML.SemiSupervised.Auto;
using Microsoft.ML.SemiSupervised.CoTraining;
using Microsoft.ML.SemiSupervised.Diagnostics;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.TriTraining;

namespace Microsoft.ML.SemiSupervised.Reports;

/// <summary>Reads the JSON text <see cref="ReportWriter"/> writes back into the report it stands for.</summary>
internal static class ReportReader
{
    /// <summary>The kind name the text gives (see <see cref="ReportKinds"/>).</summary>
    /// <exception cref="InvalidOperationException">The text is not a saved report this library reads.</exception>
    public static string KindOf(string text)
    {
        using var document = Parse(text);
        return Kind(document.RootElement);
    }

    /// <summary>The report <paramref name="text"/> stands for.</summary>
    /// <exception cref="InvalidOperationException">The text is not a saved report this library reads.</exception>
    public static object Read(string text)
    {
        using var document = Parse(text);
        var root = document.RootElement;
        var kind = Kind(root);
        if (!ReportKinds.IsCoreKind(kind))
            return ReadPackageKind(root, kind);
        try
        {
            return kind switch
            {
                "LabelPropagation" => new LabelPropagationReport(root.GetProperty("numberOfIterations").GetInt32(), root.GetProperty("converged").GetBoolean(),
                    root.GetProperty("rowCount").GetInt32(), root.GetProperty("labeledRowCount").GetInt32(), root.GetProperty("unreachedRowCount").GetInt32(),
                    root.GetProperty("graphEntryCount").GetInt64(), Shift(root),
                    root.TryGetProperty("fallbackRowCount", out var fallback) ? fallback.GetInt32() : 0), // absent: saved before the fallback
                "CoTraining" => new CoTrainingReport(Strings(root.GetProperty("classNames")),
                    root.GetProperty("iterations").EnumerateArray().Select(r => new CoTrainingIteration(r.GetProperty("iteration").GetInt32(),
                        Table(r.GetProperty("addedPerViewAndClass")), Double(r.GetProperty("agreementRate")), r.GetProperty("poolCount").GetInt32(),
                        r.GetProperty("labeledCount").GetInt32())).ToArray(),
                    Enum.Parse<CoTrainingStopReason>(root.GetProperty("stopReason").GetString()!), Integers(root.GetProperty("labeledIteration"))!,
                    Integers(root.GetProperty("assignedClass"))!, Integers(root.GetProperty("firstViewSlots")), Integers(root.GetProperty("secondViewSlots")),
                    root.GetProperty("calibrated").GetBoolean(), Shift(root)),
                "Auto" => new AutoReport(root.GetProperty("candidates").EnumerateArray().Select(c => new AutoCandidateResult(c.GetProperty("name").GetString()!,
                        c.GetProperty("skipReason").GetString(), Doubles(c.GetProperty("foldAccuracies")), Doubles(c.GetProperty("supervisedFoldAccuracies")),
                        Double(c.GetProperty("lowerConfidenceBound")), Double(c.GetProperty("confidenceLevel")))
                    {
                        // Absent: saved before reverse validation (no p-value) and before the counts were saved.
                        SignTestPValue = c.TryGetProperty("signTestPValue", out var p) ? Double(p) : double.NaN,
                        FoldCounts = c.TryGetProperty("foldCounts", out var counts) ? Table(counts).Select(f => f is [var only, var other, var rows] ? (only, other, rows) : throw new FormatException("A fold's counts are 3 numbers.")).ToArray() : [],
                    }).ToArray(),
                    root.GetProperty("chosenCandidate").GetString()!, root.GetProperty("reason").GetString()!, Shift(root), root.GetProperty("numberOfFolds").GetInt32(),
                    root.GetProperty("numberOfRepeats").GetInt32(), root.GetProperty("numberOfFits").GetInt32(), TimeSpan.FromTicks(root.GetProperty("elapsedTicks").GetInt64()),
                    // Reports saved before the rule was recorded were judged by the family-wise rule, the only one then.
                    root.TryGetProperty("decisionRule", out var rule) ? Enum.Parse<AutoDecisionRule>(rule.GetString()!) : AutoDecisionRule.CorrectedBoundFamilyWise)
                {
                    // Reports saved before the evidence was recorded: cross-validation when it ran (it had folds), else none.
                    Evidence = root.TryGetProperty("evidence", out var evidence) ? Enum.Parse<AutoEvidence>(evidence.GetString()!)
                        : root.GetProperty("numberOfFolds").GetInt32() > 0 ? AutoEvidence.CrossValidation : AutoEvidence.None,
                },
                _ => new TriTrainingReport(Strings(root.GetProperty("classNames")),
                    root.GetProperty("iterations").EnumerateArray().Select(r => new TriTrainingIteration(r.GetProperty("iteration").GetInt32(),
                        Table(r.GetProperty("addedPerModelAndClass")), Doubles(r.GetProperty("errorEstimates")), Doubles(r.GetProperty("agreementRates")),
                        r.GetProperty("updated").EnumerateArray().Select(u => u.GetBoolean()).ToArray())).ToArray(),
                    Enum.Parse<TriTrainingStopReason>(root.GetProperty("stopReason").GetString()!), root.GetProperty("labeledCount").GetInt32(),
                    root.GetProperty("unlabeledCount").GetInt32(), root.GetProperty("calibrated").GetBoolean(), Shift(root)),
            };
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or InvalidOperationException or ArgumentException)
        {
            throw Unreadable(e.Message);
        }
    }

    /// <summary>A report of another assembly's kind, read by its format when that assembly is loaded in this process.</summary>
    private static object ReadPackageKind(JsonElement root, string kind)
    {
        string? package = root.TryGetProperty("package", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
        if (package is null)
            throw Unreadable($"it is a report of kind '{kind}', which this library does not know");
        var format = ReportKinds.FormatOf(kind, package) ?? throw new InvalidOperationException(
            $"The model's report is of kind '{kind}', which the package {package} reads, and {package} is not loaded in this process. " +
            $"Reference the package {package} (and call GetReport with its report type); the model's predictions do not depend on the report.");
        try
        {
            return format.Read(root);
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or InvalidOperationException or ArgumentException)
        {
            throw Unreadable(e.Message);
        }
    }

    private static JsonDocument Parse(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw Unreadable(e.Message);
        }
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number)
        {
            document.Dispose();
            throw Unreadable("it has no format version");
        }
        double number = version.GetDouble();
        if (number != ReportWriter.Version)
        {
            document.Dispose();
            throw new InvalidOperationException(FormattableString.Invariant(
                $"The model's report has report format version {number}; this library reads version {ReportWriter.Version}. Read it with the library version that saved the model."));
        }
        return document;
    }

    private static string Kind(JsonElement root) =>
        root.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String ? kind.GetString()! : throw Unreadable("it names no kind");

    private static DistributionShiftReport? Shift(JsonElement root)
    {
        var shift = root.GetProperty("distributionShift");
        if (shift.ValueKind == JsonValueKind.Null)
            return null;
        var features = shift.GetProperty("topFeatures").EnumerateArray()
            .Select(f => new FeatureShift(f.GetProperty("name").GetString()!, f.GetProperty("slot").GetInt32(), Double(f.GetProperty("weight")))).ToArray();
        return new DistributionShiftReport(Double(shift.GetProperty("auc")), Doubles(shift.GetProperty("aucPerFold")), Double(shift.GetProperty("threshold")),
            features, shift.GetProperty("labeledCount").GetInt32(), shift.GetProperty("unlabeledCount").GetInt32());
    }

    /// <summary>A double written by <see cref="ReportWriter.Double"/>.</summary>
    internal static double Double(JsonElement element) => double.Parse(element.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static double[] Doubles(JsonElement element) => element.EnumerateArray().Select(Double).ToArray();

    private static int[]? Integers(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? null : element.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private static int[][] Table(JsonElement element) => element.EnumerateArray().Select(row => Integers(row)!).ToArray();

    private static string[] Strings(JsonElement element) => element.EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static InvalidOperationException Unreadable(string detail) =>
        new($"The report saved with the model is unreadable ({detail}); the model's predictions do not depend on it. Save the model again to carry a readable report.");
}
