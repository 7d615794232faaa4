using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Data;

/// <summary>Writes the value of one stored row into <paramref name="destination"/>.</summary>
internal delegate void RowValueWriter<T>(int row, ref T destination);

/// <summary>One column of an <see cref="InMemoryDataView"/>: its name, type, annotations and values.</summary>
internal abstract class InMemoryColumn
{
    protected InMemoryColumn(string name, DataViewType type, DataViewSchema.Annotations? annotations)
    {
        Name = name;
        Type = type;
        Annotations = annotations;
    }

    /// <summary>The column's name.</summary>
    public string Name { get; }

    /// <summary>The column's type.</summary>
    public DataViewType Type { get; }

    /// <summary>The column's annotations (slot names, key values), or null for none.</summary>
    public DataViewSchema.Annotations? Annotations { get; }

    /// <summary>Creates a column whose values <paramref name="write"/> produces from a stored row number.</summary>
    public static InMemoryColumn Create<T>(string name, DataViewType type, RowValueWriter<T> write, DataViewSchema.Annotations? annotations = null) =>
        new Typed<T>(name, type, write, annotations);

    /// <summary>A getter reading the stored row that <paramref name="currentRow"/> names.</summary>
    public abstract Delegate CreateGetter(Func<int> currentRow);

    private sealed class Typed<T> : InMemoryColumn
    {
        private readonly RowValueWriter<T> _write;

        public Typed(string name, DataViewType type, RowValueWriter<T> write, DataViewSchema.Annotations? annotations)
            : base(name, type, annotations)
        {
            _write = write;
        }

        public override Delegate CreateGetter(Func<int> currentRow)
        {
            ValueGetter<T> getter = (ref T value) => _write(currentRow(), ref value);
            return getter;
        }
    }
}
