using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Data;

/// <summary>
/// A read-only <see cref="IDataView"/> over values held in memory, exposing a chosen subset of the
/// stored rows in a chosen order. Each training round of a semi-supervised loop is a new subset of
/// the same stored rows, so nothing is copied between rounds.
/// </summary>
internal sealed class InMemoryDataView : IDataView
{
    private readonly InMemoryColumn[] _columns;
    private readonly int[] _rows;

    /// <summary>Creates a view of <paramref name="rows"/> (stored row numbers) through <paramref name="columns"/>.</summary>
    public InMemoryDataView(IReadOnlyList<InMemoryColumn> columns, int[] rows)
    {
        _columns = columns.ToArray();
        _rows = rows;
        var builder = new DataViewSchema.Builder();
        foreach (var column in _columns)
            builder.AddColumn(column.Name, column.Type, column.Annotations);
        Schema = builder.ToSchema();
    }

    /// <inheritdoc />
    public bool CanShuffle => false;

    /// <inheritdoc />
    public DataViewSchema Schema { get; }

    /// <inheritdoc />
    public long? GetRowCount() => _rows.Length;

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded.Select(c => c.Index).ToHashSet());

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        new[] { GetRowCursor(columnsNeeded, rand) };

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly InMemoryDataView _parent;
        private readonly Delegate?[] _getters;
        private long _position = -1;

        public Cursor(InMemoryDataView parent, HashSet<int> active)
        {
            _parent = parent;
            _getters = new Delegate?[parent._columns.Length];
            for (int i = 0; i < _getters.Length; i++)
            {
                if (active.Contains(i))
                    _getters[i] = parent._columns[i].CreateGetter(() => parent._rows[(int)_position]);
            }
        }

        public override DataViewSchema Schema => _parent.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool IsColumnActive(DataViewSchema.Column column) => _getters[column.Index] is not null;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var getter = _getters[column.Index]
                ?? throw new InvalidOperationException($"Column '{column.Name}' was not requested from this cursor.");
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' holds {column.Type}, not {typeof(TValue).Name}.");
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override bool MoveNext()
        {
            if (_position + 1 >= _parent._rows.Length)
            {
                _position = _parent._rows.Length;
                return false;
            }
            _position++;
            return true;
        }
    }
}
