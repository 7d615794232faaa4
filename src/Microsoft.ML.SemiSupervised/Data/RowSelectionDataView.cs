using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Labels;

namespace Microsoft.ML.SemiSupervised.Data;

/// <summary>
/// A view of some rows of another data view, all columns passed through, with the label of chosen rows
/// made missing (NaN, the missing key, empty text): how a fold or a smaller labeled fraction is carved out
/// of a user's data without knowing its other columns.
/// </summary>
internal sealed class RowSelectionDataView : IDataView
{
    private readonly IDataView _source;
    private readonly bool[] _keep;
    private readonly int[] _keptRows;
    private readonly bool[]? _unlabel;
    private readonly DataViewSchema.Column? _label;

    /// <summary>Keeps the rows whose <paramref name="keep"/> entry is true; of those, hides the label where <paramref name="unlabel"/> is true.</summary>
    public RowSelectionDataView(IDataView source, bool[] keep, string? labelColumnName = null, bool[]? unlabel = null)
    {
        _source = source;
        _keep = keep;
        _keptRows = Enumerable.Range(0, keep.Length).Where(r => keep[r]).ToArray();
        _unlabel = unlabel;
        _label = labelColumnName is null ? null : source.Schema[labelColumnName];
        if (_unlabel is not null && (_label is null || LabelColumnReader.KindOf(_label.Value.Type) is null or LabelKind.Boolean))
            throw new ArgumentException($"Labels can be hidden only in a Single, Double, key or text label column; got {_label?.Type}.", nameof(labelColumnName));
    }

    /// <summary>The row of the source view that is row <paramref name="position"/> (from 0) of this view.</summary>
    public long SourceRow(long position) => _keptRows[position];

    /// <inheritdoc />
    public bool CanShuffle => false;

    /// <inheritdoc />
    public DataViewSchema Schema => _source.Schema;

    /// <inheritdoc />
    public long? GetRowCount() => _keptRows.Length;

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, _source.GetRowCursor(columnsNeeded));

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        new[] { GetRowCursor(columnsNeeded, rand) };

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly RowSelectionDataView _parent;
        private readonly DataViewRowCursor _source;
        private long _sourceRow = -1;
        private long _position = -1;

        public Cursor(RowSelectionDataView parent, DataViewRowCursor source)
        {
            _parent = parent;
            _source = source;
        }

        public override DataViewSchema Schema => _source.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool IsColumnActive(DataViewSchema.Column column) => _source.IsColumnActive(column);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var getter = _source.GetGetter<TValue>(column);
            if (_parent._unlabel is not { } unlabel || column.Index != _parent._label!.Value.Index)
                return getter;
            var missing = MissingValue<TValue>(column.Type);
            return (ref TValue value) =>
            {
                if (unlabel[_sourceRow])
                    value = missing;
                else
                    getter(ref value);
            };
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => _source.GetIdGetter();

        public override bool MoveNext()
        {
            while (_source.MoveNext())
            {
                _sourceRow++;
                if (_parent._keep[_sourceRow])
                {
                    _position++;
                    return true;
                }
            }
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _source.Dispose();
            base.Dispose(disposing);
        }

        private static TValue MissingValue<TValue>(DataViewType type) => (TValue)(object)(type switch
        {
            NumberDataViewType t when t == NumberDataViewType.Single => float.NaN,
            NumberDataViewType t when t == NumberDataViewType.Double => double.NaN,
            TextDataViewType => ReadOnlyMemory<char>.Empty,
            KeyDataViewType k when k.RawType == typeof(byte) => (byte)0,
            KeyDataViewType k when k.RawType == typeof(ushort) => (ushort)0,
            KeyDataViewType k when k.RawType == typeof(ulong) => 0UL,
            _ => 0u,
        });
    }
}
