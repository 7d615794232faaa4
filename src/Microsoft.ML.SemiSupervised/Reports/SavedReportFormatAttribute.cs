namespace Microsoft.ML.SemiSupervised.Reports;

/// <summary>
/// Marks a report type of another assembly as one a saved model carries, and names its <see cref="IReportFormat"/>
/// (a class with a parameterless constructor). <see cref="ReportKinds"/> finds it from the report type itself, so the
/// format is known whenever the type is: when a fitted model of that package saves its report, and when
/// <c>GetReport&lt;TReport&gt;</c> is asked for it. No registration call to forget, no order of loading to get right.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class SavedReportFormatAttribute : Attribute
{
    /// <param name="formatType">The <see cref="IReportFormat"/> of the report type.</param>
    public SavedReportFormatAttribute(Type formatType) => FormatType = formatType;

    /// <summary>The <see cref="IReportFormat"/> of the report type.</summary>
    public Type FormatType { get; }
}
