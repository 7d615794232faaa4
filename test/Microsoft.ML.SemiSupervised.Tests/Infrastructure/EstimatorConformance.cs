using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Tests.Infrastructure;

/// <summary>
/// Checks every estimator of the library must pass: the output schema that GetOutputSchema predicts is the
/// real one, a saved model loads in a fresh context with identical outputs, and fitting does not change
/// the input data.
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
    public static string[] Values(IDataView data, string column)
    {
        var col = data.Schema[column];
        return col.Type switch
        {
            VectorDataViewType => data.GetColumn<VBuffer<float>>(col).Select(v => string.Join(",", v.DenseValues().Select(f => f.ToString("R")))).ToArray(),
            BooleanDataViewType => data.GetColumn<bool>(col).Select(b => b.ToString()).ToArray(),
            KeyDataViewType => data.GetColumn<uint>(col).Select(k => k.ToString()).ToArray(),
            _ => data.GetColumn<float>(col).Select(f => f.ToString("R")).ToArray(),
        };
    }
}
