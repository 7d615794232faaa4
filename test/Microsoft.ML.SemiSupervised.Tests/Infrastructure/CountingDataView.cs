using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Tests.Infrastructure;

/// <summary>
/// A data view over another that says the row count it is given (null: unknown, as a text file's) and counts the rows
/// its cursors move to: shows how far an estimator read before it stopped.
/// </summary>
public sealed class CountingDataView : IDataView
{
    private readonly IDataView _inner;
    private readonly long? _rowCount;
    private long _rowsRead;

    /// <param name="inner">The rows.</param>
    /// <param name="rowCount">The row count this view says (GetRowCount); null for unknown.</param>
    public CountingDataView(IDataView inner, long? rowCount)
    {
        _inner = inner;
        _rowCount = rowCount;
    }

    /// <summary>The rows all cursors moved to so far.</summary>
    public long RowsRead => Interlocked.Read(ref _rowsRead);

    /// <summary>The number of cursors opened so far.</summary>
    public int CursorsOpened { get; private set; }

    /// <inheritdoc />
    public bool CanShuffle => false;

    /// <inheritdoc />
    public DataViewSchema Schema => _inner.Schema;

    /// <inheritdoc />
    public long? GetRowCount() => _rowCount;

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        CursorsOpened++;
        return new Cursor(this, _inner.GetRowCursor(columnsNeeded));
    }

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly CountingDataView _owner;
        private readonly DataViewRowCursor _inner;

        public Cursor(CountingDataView owner, DataViewRowCursor inner)
        {
            _owner = owner;
            _inner = inner;
        }

        public override long Position => _inner.Position;

        public override long Batch => _inner.Batch;

        public override DataViewSchema Schema => _inner.Schema;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _inner.GetGetter<TValue>(column);

        public override ValueGetter<DataViewRowId> GetIdGetter() => _inner.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => _inner.IsColumnActive(column);

        public override bool MoveNext()
        {
            if (!_inner.MoveNext())
                return false;
            Interlocked.Increment(ref _owner._rowsRead);
            return true;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
