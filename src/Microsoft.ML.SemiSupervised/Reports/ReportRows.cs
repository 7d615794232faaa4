using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Reports;

/// <summary>
/// The row types and column names of the saved report piece (see <see cref="SavedReport"/>). The names are part of
/// the saved model format: changing one breaks reading the reports of models saved before.
/// </summary>
internal static class ReportRows
{
    public const string Key = "__SemiSupervised_ReportKey";
    public const string Text = "__SemiSupervised_Report";

    /// <summary>No input column: the key mapping reads nothing, so the piece fits after any model.</summary>
    public sealed class NoInput
    {
    }

    /// <summary>The constant key under which the report text is looked up.</summary>
    public sealed class KeyRow
    {
        [ColumnName(ReportRows.Key)]
        public uint Key;
    }
}
