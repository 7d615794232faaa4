using Microsoft.ML.SemiSupervised.Auto;
using Microsoft.ML.SemiSupervised.CoTraining;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.TriTraining;

namespace Microsoft.ML.SemiSupervised.Reports;

/// <summary>The report types a saved model can carry, by the kind name the saved text gives (part of the format).</summary>
internal static class ReportKinds
{
    private static readonly Dictionary<Type, string> s_kinds = new()
    {
        [typeof(LabelPropagationReport)] = "LabelPropagation",
        [typeof(CoTrainingReport)] = "CoTraining",
        [typeof(TriTrainingReport)] = "TriTraining",
        [typeof(AutoReport)] = "Auto",
    };

    /// <summary>The kind name of <paramref name="reportType"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="reportType"/> is not a report a model carries.</exception>
    public static string Of(Type reportType) => s_kinds.TryGetValue(reportType, out var kind)
        ? kind
        : throw new ArgumentException(
            $"GetReport reads a LabelPropagationReport, CoTrainingReport, TriTrainingReport or AutoReport; got {reportType.Name}. " +
            "A self-training model is its inner trainer's own transformer: read its report where the fit returns it.");
}
