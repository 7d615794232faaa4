using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Labels;

/// <summary>
/// The classes of a label column, numbered 0..Count-1, and the way back from a class number to the
/// label's own type (a float value, a key value, a text value).
/// </summary>
/// <remarks>
/// Class numbers follow the natural order of the label: key values in key order, numbers ascending,
/// text in ordinal order. For a key label every key value is a class, seen or not, so that a model
/// trained on it keeps the user's key type.
/// </remarks>
internal sealed class ClassCatalog
{
    private readonly double[]? _numbers;
    private readonly string[]? _texts;

    private ClassCatalog(LabelKind kind, DataViewType labelType, int count, double[]? numbers, string[]? texts, string[]? keyNames)
    {
        Kind = kind;
        LabelType = labelType;
        Count = count;
        _numbers = numbers;
        _texts = texts;
        Names = BuildNames(kind, count, numbers, texts, keyNames);
    }

    /// <summary>How the label column represents its values.</summary>
    public LabelKind Kind { get; }

    /// <summary>The type of the user's label column.</summary>
    public DataViewType LabelType { get; }

    /// <summary>The number of classes.</summary>
    public int Count { get; }

    /// <summary>A readable name for each class, for reports and messages.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Classes of a key label: one per key value.</summary>
    public static ClassCatalog ForKey(KeyDataViewType type, string[]? keyNames)
    {
        if (type.Count > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(type), $"A key label with {type.Count} values is too large.");
        return new ClassCatalog(LabelKind.Key, type, (int)type.Count, null, null, keyNames);
    }

    /// <summary>Classes of a numeric or Boolean label: its distinct values, ascending.</summary>
    public static ClassCatalog ForNumbers(LabelKind kind, DataViewType type, IEnumerable<double> values)
    {
        var sorted = values.Distinct().OrderBy(v => v).ToArray();
        return new ClassCatalog(kind, type, sorted.Length, sorted, null, null);
    }

    /// <summary>Classes of a text label: its distinct values (none empty or whitespace-only), in ordinal order.</summary>
    public static ClassCatalog ForText(DataViewType type, IEnumerable<string> values)
    {
        var sorted = values.Distinct(StringComparer.Ordinal).OrderBy(v => v, StringComparer.Ordinal).ToArray();
        return new ClassCatalog(LabelKind.Text, type, sorted.Length, null, sorted, null);
    }

    /// <summary>The number a class stands for, for numeric and Boolean labels (false = 0, true = 1).</summary>
    public double NumberOf(int classIndex) => _numbers is null
        ? throw new InvalidOperationException($"A {Kind} label has no numeric class values.")
        : _numbers[classIndex];

    /// <summary>The text a class stands for, for text labels.</summary>
    public string TextOf(int classIndex) => _texts is null
        ? throw new InvalidOperationException($"A {Kind} label has no text class values.")
        : _texts[classIndex];

    private static string[] BuildNames(LabelKind kind, int count, double[]? numbers, string[]? texts, string[]? keyNames)
    {
        var names = new string[count];
        for (int i = 0; i < count; i++)
        {
            names[i] = kind switch
            {
                LabelKind.Key => keyNames is not null && i < keyNames.Length ? keyNames[i] : (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                LabelKind.Text => texts![i],
                LabelKind.Boolean => numbers![i] != 0 ? "True" : "False",
                _ => numbers![i].ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        }
        return names;
    }
}
