using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.Conformance;

/// <summary>The assertions of the conformance suite: a clear refusal, and predictions read back as the user's labels.</summary>
public static class ConformanceAssert
{
    private static readonly Type[] ClearExceptionTypes = [typeof(ArgumentException), typeof(ArgumentOutOfRangeException), typeof(InvalidOperationException)];

    /// <summary>
    /// Asserts that <paramref name="action"/> throws a clear exception: exactly an ArgumentException,
    /// ArgumentOutOfRangeException or InvalidOperationException (never an AggregateException, OverflowException,
    /// IndexOutOfRangeException, NullReferenceException, OutOfMemoryException...), whose message names
    /// <paramref name="column"/> (in quotes) and contains <paramref name="fixWord"/>, a word of the fix it advises.
    /// </summary>
    public static Exception Refuses(Action action, string column, string fixWord, string situation)
    {
        var e = Record.Exception(action);
        Assert.True(e is not null, $"{situation}: expected a clear exception naming column '{column}', but nothing was thrown.");
        Assert.True(ClearExceptionTypes.Contains(e.GetType()),
            $"{situation}: {e.GetType().Name} is not a clear refusal (ArgumentException, ArgumentOutOfRangeException or InvalidOperationException): {e}");
        Assert.True(e.Message.Contains($"'{column}'", StringComparison.Ordinal), $"{situation}: the message does not name column '{column}': {e.Message}");
        Assert.True(e.Message.Contains(fixWord, StringComparison.OrdinalIgnoreCase), $"{situation}: the message gives no fix ('{fixWord}'): {e.Message}");
        return e;
    }

    /// <summary>
    /// Asserts that the model predicts every labeled row of <paramref name="table"/> as its own class, reading the
    /// predicted label back as the user's label (through its key values), and (unless told otherwise) that every row
    /// gets one of the label's classes.
    /// </summary>
    public static void PredictsLabeledRows(ConformanceCase c, ITransformer model, IDataView data, ConformanceTable table, ConformanceLabelKind kind, bool everyRowGetsAClass = true)
    {
        var predicted = PredictedClasses(c, model.Transform(data), table, kind);
        for (int row = 0; row < table.Classes.Length; row++)
        {
            Assert.True(predicted[row] >= 0 || (!everyRowGetsAClass && table.Classes[row] < 0), $"{c}: row {row} got no class that the label has ({kind} label)");
            if (table.Classes[row] >= 0)
                Assert.True(predicted[row] == table.Classes[row], $"{c}: labeled row {row} of class {table.Classes[row]} was predicted {predicted[row]} ({kind} label)");
        }
    }

    /// <summary>
    /// Each row's predicted class (-1 when the prediction is none of the label's values): a Boolean prediction is
    /// class 1 when true; any other is read as text (keys through their key values) and matched to the label's values.
    /// </summary>
    public static int[] PredictedClasses(ConformanceCase c, IDataView scored, ConformanceTable table, ConformanceLabelKind kind)
    {
        var column = scored.Schema[c.PredictedLabelColumn];
        if (column.Type is BooleanDataViewType)
            return scored.GetColumn<bool>(column).Select(b => b ? 1 : 0).ToArray();
        var texts = LabelTexts(scored, c.PredictedLabelColumn);
        var classOf = Enumerable.Range(0, table.ClassCount).ToDictionary(i => table.LabelText(kind, i), i => i);
        return texts.Select(t => classOf.GetValueOrDefault(t, -1)).ToArray();
    }

    /// <summary>A label-like column's values as text: keys through their key values (raw number without them, empty for missing).</summary>
    public static string[] LabelTexts(IDataView data, string columnName)
    {
        var column = data.Schema[columnName];
        var values = EstimatorConformance.Values(data, columnName);
        if (column.Type is not KeyDataViewType)
            return values;
        var names = KeyValueTexts(column);
        return values.Select(v => uint.Parse(v, CultureInfo.InvariantCulture) is var k && k == 0 ? ""
            : names is not null && k <= names.Length ? names[k - 1] : v).ToArray();
    }

    private static string[]? KeyValueTexts(DataViewSchema.Column column)
    {
        if (column.Annotations.Schema.GetColumnOrNull("KeyValues") is not { Type: VectorDataViewType type })
            return null;
        return type.ItemType switch
        {
            TextDataViewType => Names<ReadOnlyMemory<char>>(column, v => v.ToString()),
            BooleanDataViewType => Names<bool>(column, v => v.ToString()),
            NumberDataViewType n when n == NumberDataViewType.Double => Names<double>(column, v => v.ToString("R", CultureInfo.InvariantCulture)),
            NumberDataViewType n when n == NumberDataViewType.UInt32 => Names<uint>(column, v => v.ToString(CultureInfo.InvariantCulture)),
            _ => Names<float>(column, v => v.ToString("R", CultureInfo.InvariantCulture)),
        };
    }

    private static string[] Names<T>(DataViewSchema.Column column, Func<T, string> toText)
    {
        VBuffer<T> values = default;
        column.GetKeyValues(ref values);
        return values.DenseValues().Select(toText).ToArray();
    }
}
