using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Tests.Infrastructure;

/// <summary>
/// Checks every estimator of the library must pass: the output schema that GetOutputSchema predicts is the
/// real one, a saved model loads in a fresh context with identical outputs, fitting does not change the input
/// data, identical fits write identical model zips, and a model transforms identically from several threads at
/// once. The conformance suite (Conformance/) runs them over every catalog entry point.
/// </summary>
public static class EstimatorConformance
{
    /// <summary>
    /// GetOutputSchema names the real output columns with the same kind and item type (for keys: key-ness).
    /// A schema shape is a set of columns: ML.NET's own trainers announce Score and PredictedLabel in
    /// another order than they write them, so order is not compared.
    /// </summary>
    public static void OutputSchemaMatches<TTransformer>(IEstimator<TTransformer> estimator, TTransformer model, IDataView input)
        where TTransformer : ITransformer
    {
        var predicted = estimator.GetOutputSchema(ShapeOf(input.Schema)).OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();
        var actual = model.Transform(input).Schema.Where(c => !c.IsHidden).OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();
        Assert.Equal(actual.Select(c => c.Name), predicted.Select(c => c.Name));
        for (int i = 0; i < actual.Length; i++)
        {
            var type = actual[i].Type;
            var itemType = type is VectorDataViewType v ? v.ItemType : type;
            Assert.Equal(type is VectorDataViewType, predicted[i].Kind != SchemaShape.Column.VectorKind.Scalar);
            if (itemType is KeyDataViewType)
                Assert.True(predicted[i].IsKey, $"column '{actual[i].Name}' should be a key");
            else
                Assert.Equal(itemType, predicted[i].ItemType);
        }
    }

    /// <summary>
    /// The schema shape of a data view schema. ML.NET keeps <c>SchemaShape.Create</c> internal (its estimators
    /// receive shapes from one another); a test calls it by reflection to start a shape from real data.
    /// </summary>
    public static SchemaShape ShapeOf(DataViewSchema schema) =>
        (SchemaShape)typeof(SchemaShape).GetMethod("Create", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public, new[] { typeof(DataViewSchema) })!
            .Invoke(null, new object[] { schema })!;

    /// <summary>
    /// Saves <paramref name="model"/> to a zip, loads it in a new MLContext, and asserts that every output
    /// column is identical, row by row, on <paramref name="data"/>.
    /// </summary>
    public static ITransformer SaveLoadIdentical(MLContext ml, ITransformer model, IDataView data, params string[] columns)
    {
        var path = Path.Combine(Path.GetTempPath(), $"semisupervised-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, data.Schema, path);
            var fresh = new MLContext(99);
            var loaded = fresh.Model.Load(path, out var schema);
            Assert.Equal(data.Schema.Select(c => c.Name), schema.Select(c => c.Name));
            var before = model.Transform(data);
            var after = loaded.Transform(data);
            foreach (var column in columns)
                Assert.Equal(Values(before, column), Values(after, column));
            return loaded;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A column's values as comparable text (vectors joined), for row-by-row equality.</summary>
    /// <remarks>
    /// Numbers in round-trip format; keys as their raw value (0 for missing); any column type a model of this library
    /// reads or writes (Single, Double, Boolean, text, key, and vectors of them, known-size or not).
    /// </remarks>
    public static string[] Values(IDataView data, string column)
    {
        var col = data.Schema[column];
        return col.Type switch
        {
            VectorDataViewType v => v.ItemType switch
            {
                NumberDataViewType n when n == NumberDataViewType.UInt32 => Read<VBuffer<uint>>(data, col, b => Join(b.DenseValues(), k => k.ToString(Invariant))),
                KeyDataViewType k when k.RawType == typeof(uint) => Read<VBuffer<uint>>(data, col, b => Join(b.DenseValues(), k => k.ToString(Invariant))),
                TextDataViewType => Read<VBuffer<ReadOnlyMemory<char>>>(data, col, b => Join(b.DenseValues(), t => t.ToString())),
                BooleanDataViewType => Read<VBuffer<bool>>(data, col, b => Join(b.DenseValues(), x => x.ToString())),
                NumberDataViewType n when n == NumberDataViewType.Double => Read<VBuffer<double>>(data, col, b => Join(b.DenseValues(), d => d.ToString("R", Invariant))),
                _ => Read<VBuffer<float>>(data, col, b => Join(b.DenseValues(), f => f.ToString("R", Invariant))),
            },
            BooleanDataViewType => Read<bool>(data, col, b => b.ToString()),
            KeyDataViewType k when k.RawType == typeof(byte) => Read<byte>(data, col, x => x.ToString(Invariant)),
            KeyDataViewType k when k.RawType == typeof(ushort) => Read<ushort>(data, col, x => x.ToString(Invariant)),
            KeyDataViewType k when k.RawType == typeof(ulong) => Read<ulong>(data, col, x => x.ToString(Invariant)),
            KeyDataViewType => Read<uint>(data, col, x => x.ToString(Invariant)),
            TextDataViewType => Read<ReadOnlyMemory<char>>(data, col, t => t.ToString()),
            NumberDataViewType n when n == NumberDataViewType.Double => Read<double>(data, col, d => d.ToString("R", Invariant)),
            NumberDataViewType n when n == NumberDataViewType.UInt32 => Read<uint>(data, col, x => x.ToString(Invariant)),
            NumberDataViewType n when n == NumberDataViewType.Int32 => Read<int>(data, col, x => x.ToString(Invariant)),
            NumberDataViewType n when n == NumberDataViewType.Int64 => Read<long>(data, col, x => x.ToString(Invariant)),
            NumberDataViewType n when n == NumberDataViewType.UInt64 => Read<ulong>(data, col, x => x.ToString(Invariant)),
            _ => Read<float>(data, col, f => f.ToString("R", Invariant)),
        };
    }

    /// <summary>Every visible column's values, by column name: a snapshot to compare data before and after a call.</summary>
    public static Dictionary<string, string[]> Snapshot(IDataView data) =>
        data.Schema.Where(c => !c.IsHidden).ToDictionary(c => c.Name, c => Values(data, c.Name));

    /// <summary>Asserts that two snapshots hold the same columns with the same values, naming the first column that differs.</summary>
    public static void SnapshotsEqual(Dictionary<string, string[]> expected, Dictionary<string, string[]> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, values) in expected)
            Assert.True(values.SequenceEqual(actual[name]), $"column '{name}' differs: [{string.Join(" | ", values)}] became [{string.Join(" | ", actual[name])}]");
    }

    /// <summary>
    /// The entries of the model zip <c>mlContext.Model.Save</c> writes for <paramref name="model"/>, by path: what two
    /// models that must be identical are compared by, byte for byte.
    /// </summary>
    /// <remarks>
    /// An <c>.idv</c> entry (the data of a MapValue or other data-backed transformer) is given as the text of its
    /// columns' values instead of its bytes: ML.NET's BinarySaver compresses the column blocks in parallel and writes
    /// each when it is done, so the same data is written with its blocks in varying order (seen under a loaded
    /// machine with the multiclass ensembles' MapValue step: the key and value blocks swapped, otherwise equal).
    /// </remarks>
    public static SortedDictionary<string, byte[]> SavedEntries(MLContext ml, ITransformer model, DataViewSchema inputSchema)
    {
        using var stream = new MemoryStream();
        ml.Model.Save(model, inputSchema, stream);
        stream.Position = 0;
        using var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Read);
        var entries = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var content = entry.Open();
            using var copy = new MemoryStream();
            content.CopyTo(copy);
            entries[entry.FullName] = entry.FullName.EndsWith(".idv", StringComparison.Ordinal) ? BinaryDataText(ml, copy.ToArray()) : copy.ToArray();
        }
        return entries;
    }

    private static byte[] BinaryDataText(MLContext ml, byte[] idv)
    {
        var path = Path.Combine(Path.GetTempPath(), $"semisupervised-{Guid.NewGuid():N}.idv");
        try
        {
            File.WriteAllBytes(path, idv);
            var data = ml.Data.LoadFromBinary(path);
            var text = string.Join("\n", Snapshot(data).Select(c => c.Key + ": " + string.Join(" | ", c.Value)));
            return System.Text.Encoding.UTF8.GetBytes(string.Join("\n", data.Schema.Select(c => $"{c.Name} {c.Type}")) + "\n" + text);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Transforms <paramref name="data"/> with <paramref name="model"/> on <paramref name="threads"/> threads at once
    /// (each reads the columns, released together) and asserts that every thread sees the single-threaded result.
    /// </summary>
    public static void ConcurrentTransformIdentical(ITransformer model, IDataView data, IReadOnlyList<string> columns, int threads = 4)
    {
        var expected = columns.Select(c => Values(model.Transform(data), c)).ToArray();
        using var start = new Barrier(threads);
        var results = new string[threads][][];
        var errors = new Exception?[threads];
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                var scored = model.Transform(data);
                results[t] = columns.Select(c => Values(scored, c)).ToArray();
            }
            catch (Exception e)
            {
                errors[t] = e;
            }
        })).ToArray();
        foreach (var worker in workers)
            worker.Start();
        foreach (var worker in workers)
            worker.Join();
        Assert.All(errors, e => Assert.Null(e));
        for (int t = 0; t < threads; t++)
        {
            for (int c = 0; c < columns.Count; c++)
                Assert.True(expected[c].SequenceEqual(results[t][c]), $"thread {t} read other '{columns[c]}' values than a single thread");
        }
    }

    private static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;

    private static string[] Read<T>(IDataView data, DataViewSchema.Column column, Func<T, string> toText) =>
        data.GetColumn<T>(column).Select(toText).ToArray();

    private static string Join<T>(IEnumerable<T> values, Func<T, string> toText) => string.Join(",", values.Select(toText));
}
