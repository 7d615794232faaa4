using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Data;

/// <summary>
/// A read-only <see cref="IDataView"/> over values held in memory, exposing a chosen subset of the
/// stored rows in a chosen order. Each training round of a semi-supervised loop is a new subset of
/// the same stored rows, so nothing is copied between rounds.
/// </summary>
/// <remarks>
/// It can shuffle (a cursor asked for with a random source visits the rows in a random order):
/// trainers such as SDCA rely on shuffled passes to converge, and without them took twenty times longer.
/// </remarks>
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
    public bool CanShuffle => true;

    /// <inheritdoc />
    public DataViewSchema Schema { get; }

    /// <inheritdoc />
    public long? GetRowCount() => _rows.Length;

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded.Select(c => c.Index).ToHashSet(), rand is null ? _rows : Shuffled(rand));

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        new[] { GetRowCursor(columnsNeeded, rand) };

    private int[] Shuffled(Random random)
    {
        var order = (int[])_rows.Clone();
        random.Shuffle(order);
        return order;
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly InMemoryDataView _parent;
        private readonly int[] _order;
        private readonly Delegate?[] _getters;
        private long _position = -1;

        public Cursor(InMemoryDataView parent, HashSet<int> active, int[] order)
        {
            _parent = parent;
            _order = order;
            _getters = new Delegate?[parent._columns.Length];
            for (int i = 0; i < _getters.Length; i++)
            {
                if (active.Contains(i))
                    _getters[i] = parent._columns[i].CreateGetter(() => _order[(int)_position]);
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
            (ref DataViewRowId id) => id = new DataViewRowId((ulong)_order[(int)_position], 0);

        public override bool MoveNext()
        {
            if (_position + 1 >= _order.Length)
            {
                _position = _order.Length;
                return false;
            }
            _position++;
            return true;
        }
    }
}
