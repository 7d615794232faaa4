using System.Text.Json;

namespace Microsoft.ML.SemiSupervised.Reports;

/// <summary>
/// How the saved report text (report format v1) writes and reads a report type of another assembly: a package built
/// on this library, such as the neural package's <c>NeuralReport</c>. The report type names its format with
/// <see cref="SavedReportFormatAttribute"/>; <see cref="ReportWriter"/> writes the version, the kind and the package
/// (the assembly's name), then lets the format write the rest, and <see cref="ReportReader"/> hands the format the
/// whole object back. The core's own report types need none: <see cref="ReportWriter"/> knows them.
/// </summary>
internal interface IReportFormat
{
    /// <summary>The kind name the saved text gives (part of the format: never change it), unlike any other kind's.</summary>
    string Kind { get; }

    /// <summary>Writes every property of <paramref name="report"/> into the open JSON object.</summary>
    void Write(Utf8JsonWriter writer, object report);

    /// <summary>The report the JSON object <paramref name="root"/> stands for.</summary>
    /// <exception cref="KeyNotFoundException">A property is missing (as the core's reader, any of the exceptions it catches).</exception>
    object Read(JsonElement root);
}
