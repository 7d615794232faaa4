using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.ML.SemiSupervised.Auto;
using Microsoft.ML.SemiSupervised.CoTraining;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.TriTraining;

namespace Microsoft.ML.SemiSupervised.Reports;

/// <summary>
/// The report types a saved model can carry, by the kind name the saved text gives (part of the format): the core's
/// own, and those of other assemblies that name their <see cref="IReportFormat"/> with
/// <see cref="SavedReportFormatAttribute"/> (found from the type, and remembered by kind for the reader).
/// </summary>
internal static class ReportKinds
{
    private static readonly Dictionary<Type, string> s_kinds = new()
    {
        [typeof(LabelPropagationReport)] = "LabelPropagation",
        [typeof(CoTrainingReport)] = "CoTraining",
        [typeof(TriTrainingReport)] = "TriTraining",
        [typeof(AutoReport)] = "Auto",
    };

    private static readonly ConcurrentDictionary<Type, IReportFormat?> s_formatsByType = new();
    private static readonly ConcurrentDictionary<string, (Type ReportType, IReportFormat Format)> s_formatsByKind = new(StringComparer.Ordinal);

    /// <summary>The kind name of <paramref name="reportType"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="reportType"/> is not a report a model carries.</exception>
    public static string Of(Type reportType) => s_kinds.TryGetValue(reportType, out var kind)
        ? kind
        : FormatOf(reportType)?.Kind ?? throw new ArgumentException(
            $"GetReport reads a LabelPropagationReport, CoTrainingReport, TriTrainingReport or AutoReport; got {reportType.Name}. " +
            "A self-training model is its inner trainer's own transformer: read its report where the fit returns it.");

    /// <summary>Whether <paramref name="kind"/> is one of the core's own kinds, which <see cref="ReportWriter"/> and <see cref="ReportReader"/> know.</summary>
    public static bool IsCoreKind(string kind) => s_kinds.ContainsValue(kind);

    /// <summary>The format of a report type of another assembly (from its <see cref="SavedReportFormatAttribute"/>), or null.</summary>
    /// <exception cref="InvalidOperationException">Its format's kind is a core kind or another report type's.</exception>
    public static IReportFormat? FormatOf(Type reportType) => s_formatsByType.GetOrAdd(reportType, Find);

    /// <summary>
    /// The format of <paramref name="kind"/> written by the assembly <paramref name="package"/>, or null when that
    /// assembly is not loaded in this process (or holds no report type of that kind).
    /// </summary>
    public static IReportFormat? FormatOf(string kind, string? package)
    {
        if (s_formatsByKind.TryGetValue(kind, out var known))
            return known.Format;
        var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == package);
        if (assembly is null)
            return null;
        foreach (var type in assembly.GetExportedTypes().Where(t => t.IsDefined(typeof(SavedReportFormatAttribute), inherit: false)))
            FormatOf(type);
        return s_formatsByKind.TryGetValue(kind, out known) ? known.Format : null;
    }

    private static IReportFormat? Find(Type reportType)
    {
        if (reportType.GetCustomAttribute<SavedReportFormatAttribute>(inherit: false) is not { } attribute)
            return null;
        var format = (IReportFormat)Activator.CreateInstance(attribute.FormatType, nonPublic: true)!;
        var registered = s_formatsByKind.GetOrAdd(format.Kind, (reportType, format));
        if (IsCoreKind(format.Kind) || registered.ReportType != reportType)
        {
            throw new InvalidOperationException(
                $"The saved report kind '{format.Kind}' of {reportType.FullName} is already the kind of {(IsCoreKind(format.Kind) ? "a report of this library" : registered.ReportType.FullName)}; give each report type its own kind.");
        }
        return registered.Format;
    }
}
