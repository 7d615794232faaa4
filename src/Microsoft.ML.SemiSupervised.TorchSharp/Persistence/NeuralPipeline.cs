using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Labels;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// The chain of built-in ML.NET transformers a fitted network runs as: copy the features under a fixed name, predict
/// (with the network in memory, or from the state a saved model carries), name the class (PredictedLabel, a key whose
/// key values are the class names) and the probabilities (Score), drop the working columns. One builder for the live,
/// the saved and the schema-only forms, so they cannot drift apart.
/// </summary>
internal static class NeuralPipeline
{
    public const string PredictedLabelColumnName = "PredictedLabel";
    public const string ScoreColumnName = "Score";

    /// <summary>The pipeline predicting with <paramref name="model"/> in memory (not saveable by itself).</summary>
    public static IEstimator<ITransformer> Live(MLContext context, string featureColumnName, ClassCatalog classes, NeuralModel? model)
    {
        var output = SchemaDefinition.Create(typeof(NeuralRows.PredictionRow));
        output[NeuralRows.Score].ColumnType = new VectorDataViewType(NumberDataViewType.Single, classes.Count);
        Action<NeuralRows.FeaturesRow, NeuralRows.PredictionRow> predict = model is null
            ? (input, row) => throw new InvalidOperationException("A schema-only neural pipeline does not predict.")
            : (input, row) => NeuralRows.Predict(model, input.Features, row);
        return Start(context, featureColumnName)
            .Append(context.Transforms.CustomMapping(predict, contractName: null, outputSchemaDefinition: output))
            .Append(Finish(context, classes, stored: false));
    }

    /// <summary>The transformer predicting from the model's state held as data by built-in transformers: the saved form.</summary>
    public static ITransformer Stored(MLContext context, string featureColumnName, ClassCatalog classes, NeuralModel model, DataViewSchema inputSchema)
    {
        var (header, state) = NeuralModelFormat.Write(model);
        var empty = new EmptyDataView(inputSchema);
        var predict = Start(context, featureColumnName)
            .Append(context.Transforms.CustomMapping<NeuralRows.FeaturesRow, NeuralRows.ConstantKeyRow>(
                NeuralConstantKeyFactory.Map, NeuralContracts.ConstantKeyV1))
            .Append(context.Transforms.Conversion.MapValue(NeuralRows.Header, new[] { new KeyValuePair<uint, double[]>(1, header) }, NeuralRows.ConstantKey))
            .Append(context.Transforms.CustomMapping<NeuralRows.HeaderRow, NeuralRows.StateKeyRow>(
                NeuralStateKeyFactory.MapFullState, NeuralContracts.StateKeyV1))
            .Append(context.Transforms.Conversion.MapValue(NeuralRows.State, new[]
            {
                new KeyValuePair<uint, float[]>(NeuralModelFormat.FullStateKey, state),
                new KeyValuePair<uint, float[]>(NeuralModelFormat.EmptyStateKey, []),
            }, NeuralRows.StateKey))
            .Append(context.Transforms.CustomMapping<NeuralRows.StoredRow, NeuralRows.PaddedPredictionRow>(
                NeuralPredictFactory.MapNever, NeuralContracts.PredictV1))
            .Fit(empty);
        var size = SizeScore(context, classes.Count);
        var sized = size.Transform(predict.Transform(empty));
        var finish = Finish(context, classes, stored: true).Fit(sized);
        return new TransformerChain<ITransformer>(predict, size, finish);
    }

    /// <summary>A pipeline of the right shape for schema propagation before Fit (the class count is unknown: one class).</summary>
    public static IEstimator<ITransformer> ShapeOnly(MLContext context, string featureColumnName) =>
        Live(context, featureColumnName, ClassCatalog.ForText(TextDataViewType.Instance, ["class"]), model: null);

    private static IEstimator<ITransformer> Start(MLContext context, string featureColumnName) =>
        context.Transforms.CopyColumns(NeuralRows.Features, featureColumnName);

    /// <summary>Cuts the saved prediction's padded score to the class count (a slot selection that ML.NET saves as the slots to drop).</summary>
    private static ITransformer SizeScore(MLContext context, int classCount)
    {
        var kept = new VBuffer<float>(NeuralRows.MaximumClassCount, classCount, Enumerable.Repeat(1f, classCount).ToArray(), Enumerable.Range(0, classCount).ToArray());
        var row = context.Data.LoadFromEnumerable(new[] { new NeuralRows.PaddedPredictionRow { Score = kept } });
        return context.Transforms.FeatureSelection.SelectFeaturesBasedOnCount(NeuralRows.Score, NeuralRows.PaddedScore, count: 1).Fit(row);
    }

    private static IEstimator<ITransformer> Finish(MLContext context, ClassCatalog classes, bool stored)
    {
        var convert = context.Transforms.Conversion;
        var pairs = new KeyValuePair<uint, string>[classes.Count + 1];
        pairs[0] = new KeyValuePair<uint, string>(0, string.Empty);
        for (int i = 0; i < classes.Count; i++)
            pairs[i + 1] = new KeyValuePair<uint, string>((uint)(i + 1), classes.Names[i]);
        var working = new List<string> { NeuralRows.Features, NeuralRows.Class, NeuralRows.Score, NeuralRows.ClassName };
        if (stored)
            working.AddRange([NeuralRows.ConstantKey, NeuralRows.Header, NeuralRows.StateKey, NeuralRows.State, NeuralRows.PaddedScore]);
        return convert.MapValue(NeuralRows.ClassName, pairs, NeuralRows.Class)
            .Append(convert.MapValueToKey(PredictedLabelColumnName, NeuralRows.ClassName, keyData: KeyData(classes)))
            .Append(context.Transforms.CopyColumns(ScoreColumnName, NeuralRows.Score))
            .Append(context.Transforms.DropColumns(working.ToArray()));
    }

    private static IDataView KeyData(ClassCatalog classes)
    {
        var column = InMemoryColumn.Create(NeuralRows.ClassName, TextDataViewType.Instance,
            (int row, ref ReadOnlyMemory<char> value) => value = classes.Names[row].AsMemory());
        return new InMemoryDataView([column], Enumerable.Range(0, classes.Count).ToArray());
    }
}
