using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Microsoft.ML.SemiSupervised.Tests.Infrastructure;

/// <summary>
/// A report as text: every public property, read by reflection (so a property added later is compared too), nested
/// objects and lists at any depth, doubles in their round-trip form ("R", NaN as NaN). Two reports are equal exactly
/// when their texts are; the report fixtures (test/data/*_report_v1.report.txt) store this text.
/// </summary>
public static class ReportText
{
    /// <summary>The text of <paramref name="report"/>, one property a line.</summary>
    public static string Describe(object report)
    {
        var text = new StringBuilder();
        Append(text, report.GetType().Name, report);
        return text.ToString();
    }

    private static void Append(StringBuilder text, string path, object? value)
    {
        switch (value)
        {
            case null:
                text.Append(path).Append(" = null\n");
                break;
            case string s:
                text.Append(path).Append(" = \"").Append(s).Append("\"\n");
                break;
            case double d:
                text.Append(path).Append(" = ").Append(d.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
                break;
            case float f:
                text.Append(path).Append(" = ").Append(f.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
                break;
            case IFormattable or bool or Enum:
                text.Append(path).Append(" = ").Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');
                break;
            case IEnumerable items:
                int i = 0;
                foreach (var item in items)
                    Append(text, $"{path}[{i++}]", item);
                text.Append(path).Append(".Count = ").Append(i).Append('\n');
                break;
            default:
                foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
                    Append(text, $"{path}.{property.Name}", property.GetValue(value));
                break;
        }
    }
}
