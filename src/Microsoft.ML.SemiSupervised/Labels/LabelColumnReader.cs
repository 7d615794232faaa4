using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.Labels;

/// <summary>
/// Reads a label column of any supported type, row by row, into a raw value that knows whether the
/// row is labeled, then numbers the classes once every row has been seen.
/// </summary>
/// <remarks>
/// The missing-label conventions: NaN in a <see cref="float"/> or <see cref="double"/> label, the
/// missing key (raw value 0) in a key label, empty or whitespace-only text in a text label. A Boolean
/// label is never missing. An infinite numeric label is an error, not a class. A key label whose key
/// values are text follows the text rule: <c>MapValueToKey</c> makes whitespace-only text a key value
/// of its own, and rows of that key value are unlabeled (the key value stays a class number, with no
/// labeled rows, so that class numbers remain key indexes as ML.NET's evaluators read them).
/// </remarks>
internal sealed class LabelColumnReader
{
    private readonly List<double> _numbers = new();
    private readonly List<string?> _texts = new();
    private readonly List<uint> _keys = new();
    private readonly ValueGetter<double>? _numberGetter;
    private readonly ValueGetter<ReadOnlyMemory<char>>? _textGetter;
    private readonly ValueGetter<uint>? _keyGetter;
    private readonly string[]? _keyNames;
    private readonly bool[]? _blankKeys;

    private LabelColumnReader(string columnName, LabelKind kind, DataViewType type, DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        ColumnName = columnName;
        Kind = kind;
        Type = type;
        switch (kind)
        {
            case LabelKind.Single:
                var single = cursor.GetGetter<float>(column);
                float f = 0;
                _numberGetter = (ref double value) => { single(ref f); value = f; };
                break;
            case LabelKind.Double:
                _numberGetter = cursor.GetGetter<double>(column);
                break;
            case LabelKind.Boolean:
                var boolean = cursor.GetGetter<bool>(column);
                bool b = false;
                _numberGetter = (ref double value) => { boolean(ref b); value = b ? 1 : 0; };
                break;
            case LabelKind.Text:
                _textGetter = cursor.GetGetter<ReadOnlyMemory<char>>(column);
                break;
            case LabelKind.Key:
                _keyGetter = KeyGetter(cursor, column);
                _keyNames = KeyNames(column);
                _blankKeys = BlankTextKeys(column, _keyNames);
                break;
        }
    }

    /// <summary>The label column's name, for messages.</summary>
    public string ColumnName { get; }

    /// <summary>How the label column represents its values.</summary>
    public LabelKind Kind { get; }

    /// <summary>The label column's type.</summary>
    public DataViewType Type { get; }

    /// <summary>
    /// Checks that <paramref name="schema"/> has a label column of a supported type and returns its kind.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing.</exception>
    /// <exception cref="ArgumentException">The column has an unsupported type.</exception>
    public static LabelKind CheckColumn(DataViewSchema schema, string columnName)
    {
        var column = schema.GetColumnOrNull(columnName)
            ?? throw new ArgumentOutOfRangeException(nameof(columnName), ErrorMessages.ColumnNotFound("label", columnName));
        return KindOf(column.Type)
            ?? throw new ArgumentException(ErrorMessages.LabelTypeMismatch(columnName, column.Type), nameof(columnName));
    }

    /// <summary>The label kind of a column type, or null when the type cannot hold a label.</summary>
    public static LabelKind? KindOf(DataViewType type) => type switch
    {
        NumberDataViewType t when t == NumberDataViewType.Single => LabelKind.Single,
        NumberDataViewType t when t == NumberDataViewType.Double => LabelKind.Double,
        BooleanDataViewType => LabelKind.Boolean,
        KeyDataViewType => LabelKind.Key,
        TextDataViewType => LabelKind.Text,
        _ => null,
    };

    /// <summary>Creates a reader bound to <paramref name="cursor"/>; call <see cref="ReadCurrentRow"/> once per row.</summary>
    public static LabelColumnReader Create(DataViewRowCursor cursor, string columnName)
    {
        var column = cursor.Schema[columnName];
        var kind = CheckColumn(cursor.Schema, columnName);
        return new LabelColumnReader(columnName, kind, column.Type, cursor, column);
    }

    /// <summary>Reads the label of the cursor's current row.</summary>
    /// <exception cref="ArgumentException">A numeric label is infinite.</exception>
    public void ReadCurrentRow()
    {
        if (_numberGetter is not null)
        {
            double value = 0;
            _numberGetter(ref value);
            if (double.IsInfinity(value))
                throw new ArgumentException(ErrorMessages.NonFiniteLabel(ColumnName, _numbers.Count, value));
            _numbers.Add(value);
        }
        else if (_textGetter is not null)
        {
            ReadOnlyMemory<char> value = default;
            _textGetter(ref value);
            _texts.Add(value.Span.IsWhiteSpace() ? null : value.ToString());
        }
        else
        {
            uint value = 0;
            _keyGetter!(ref value);
            _keys.Add(value);
        }
    }

    /// <summary>
    /// Numbers the classes seen and returns each row's class (-1 for an unlabeled row).
    /// </summary>
    /// <exception cref="ArgumentException">A binary task meets labels other than 0/1 or more than two classes.</exception>
    public LabelSet Finish(LabelTask task)
    {
        ClassCatalog catalog;
        int[] classes;
        switch (Kind)
        {
            case LabelKind.Key:
                catalog = ClassCatalog.ForKey((KeyDataViewType)Type, _keyNames);
                classes = _keys.Select(k => k == 0 || k > catalog.Count || _blankKeys?[k - 1] == true ? -1 : (int)k - 1).ToArray();
                break;
            case LabelKind.Text:
                catalog = ClassCatalog.ForText(Type, _texts.Where(t => t is not null)!);
                var textIndex = Enumerable.Range(0, catalog.Count).ToDictionary(catalog.TextOf, i => i, StringComparer.Ordinal);
                classes = _texts.Select(t => t is null ? -1 : textIndex[t]).ToArray();
                break;
            default:
                var labeled = _numbers.Where(v => !double.IsNaN(v));
                if (task == LabelTask.Binary)
                {
                    var bad = labeled.FirstOrDefault(v => v != 0 && v != 1, 0);
                    if (bad != 0)
                        throw new ArgumentException(ErrorMessages.BinaryLabelOutOfRange(ColumnName, bad));
                    labeled = new[] { 0.0, 1.0 };
                }
                catalog = ClassCatalog.ForNumbers(Kind, Type, labeled);
                var numberIndex = Enumerable.Range(0, catalog.Count).ToDictionary(catalog.NumberOf, i => i);
                classes = _numbers.Select(v => double.IsNaN(v) ? -1 : numberIndex[v]).ToArray();
                break;
        }

        if (task == LabelTask.Binary && catalog.Count != 2 && _blankKeys is not null)
            throw new ArgumentException(ErrorMessages.BinaryKeyWithBlankValues(ColumnName, catalog.Count, _blankKeys.Count(b => b)));
        if (task == LabelTask.Binary && catalog.Count != 2)
            throw new ArgumentException(ErrorMessages.BinaryLabelClassCount(ColumnName, catalog.Count));
        return new LabelSet(catalog, classes);
    }

    private static ValueGetter<uint> KeyGetter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var raw = ((KeyDataViewType)column.Type).RawType;
        if (raw == typeof(uint))
            return cursor.GetGetter<uint>(column);
        if (raw == typeof(byte))
        {
            var g = cursor.GetGetter<byte>(column);
            byte v = 0;
            return (ref uint value) => { g(ref v); value = v; };
        }
        if (raw == typeof(ushort))
        {
            var g = cursor.GetGetter<ushort>(column);
            ushort v = 0;
            return (ref uint value) => { g(ref v); value = v; };
        }
        var g64 = cursor.GetGetter<ulong>(column);
        ulong v64 = 0;
        return (ref uint value) => { g64(ref v64); value = v64 > uint.MaxValue ? uint.MaxValue : (uint)v64; };
    }

    /// <summary>
    /// For a key column whose key values are text, which key values (by index) are empty or whitespace-only
    /// and so mark unlabeled rows; null for other key columns.
    /// </summary>
    private static bool[]? BlankTextKeys(DataViewSchema.Column column, string[]? names)
    {
        var annotation = column.Annotations.Schema.GetColumnOrNull("KeyValues");
        if (names is null || annotation is not { Type: VectorDataViewType { ItemType: TextDataViewType } })
            return null;
        var blank = names.Select(string.IsNullOrWhiteSpace).ToArray();
        return blank.Any(b => b) ? blank : null;
    }

    /// <summary>The key values of a key column as text, or null when it has none.</summary>
    internal static string[]? KeyNames(DataViewSchema.Column column)
    {
        var annotation = column.Annotations.Schema.GetColumnOrNull("KeyValues");
        if (annotation is not { Type: VectorDataViewType vector })
            return null;
        return vector.ItemType switch
        {
            TextDataViewType => Names<ReadOnlyMemory<char>>(column, v => v.ToString()),
            NumberDataViewType t when t == NumberDataViewType.Single => Names<float>(column, v => v.ToString(CultureInfo.InvariantCulture)),
            NumberDataViewType t when t == NumberDataViewType.Double => Names<double>(column, v => v.ToString(CultureInfo.InvariantCulture)),
            NumberDataViewType t when t == NumberDataViewType.UInt32 => Names<uint>(column, v => v.ToString(CultureInfo.InvariantCulture)),
            NumberDataViewType t when t == NumberDataViewType.Int32 => Names<int>(column, v => v.ToString(CultureInfo.InvariantCulture)),
            BooleanDataViewType => Names<bool>(column, v => v.ToString()),
            _ => null,
        };
    }

    private static string[] Names<T>(DataViewSchema.Column column, Func<T, string> toText)
    {
        VBuffer<T> values = default;
        column.GetKeyValues(ref values);
        return values.DenseValues().Select(toText).ToArray();
    }
}
