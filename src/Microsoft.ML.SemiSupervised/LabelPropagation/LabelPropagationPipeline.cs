using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.Persistence;
using Rows = Microsoft.ML.SemiSupervised.LabelPropagation.LabelPropagationRows;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// The chain of built-in ML.NET transformers a fitted label propagation runs as: copy the features under a fixed
/// name, predict (from the model in memory, or from the state a saved model carries), convert the class number to
/// the label's own type, name the outputs, drop the working columns. One builder for the live, the saved and the
/// schema-only forms, so they cannot drift apart.
/// </summary>
internal static class LabelPropagationPipeline
{
    /// <summary>The pipeline predicting with <paramref name="model"/> held in memory (not saveable by itself).</summary>
    public static IEstimator<ITransformer> Live(MLContext context, GraphLabelingOptions options, ClassCatalog classes, LabelPropagationModel model)
    {
        var output = SchemaDefinition.Create(typeof(Rows.PredictionRow));
        output[Rows.Distribution].ColumnType = new VectorDataViewType(NumberDataViewType.Single, model.ClassCount);
        IEstimator<ITransformer> predict = model.IsSparse
            ? context.Transforms.CustomMapping<SparseFeaturesRow, Rows.PredictionRow>(
                (input, row) => SparseFeaturesRow.Predict(model, input, row), contractName: null, outputSchemaDefinition: output)
            : context.Transforms.CustomMapping<Rows.FeaturesRow, Rows.PredictionRow>(
                (input, row) => Rows.Predict(model, input.Features, row), contractName: null, outputSchemaDefinition: output);
        return Start(context, options, model).Append(predict).Append(Finish(context, options, classes, stored: false));
    }

    /// <summary>
    /// The transformer predicting from the model's state, held as data by built-in transformers: the saved form
    /// (format version 3, see <see cref="LabelPropagationModelFormat"/>; for sparse stored rows the sparse format,
    /// <see cref="LabelPropagationSparseModelFormat"/>), fitted on <paramref name="inputSchema"/>.
    /// </summary>
    public static ITransformer Stored(MLContext context, GraphLabelingOptions options, ClassCatalog classes, LabelPropagationModel model, DataViewSchema inputSchema)
    {
        var empty = new EmptyDataView(inputSchema);
        var predict = Start(context, options, model)
            .Append(model.IsSparse ? LabelPropagationSparsePipeline.StoredPredict(context, model) : StoredPredict(context, model))
            .Fit(empty);
        var size = SizeDistribution(context, model.ClassCount);
        var sized = size.Transform(predict.Transform(empty));
        var finish = Finish(context, options, classes, stored: true).Fit(sized);
        return new TransformerChain<ITransformer>(predict, size, finish);
    }

    /// <summary>The mappings of format version 3 after the features step: constant key, header, state key, state, prediction.</summary>
    private static IEstimator<ITransformer> StoredPredict(MLContext context, LabelPropagationModel model)
    {
        var (header, state) = LabelPropagationModelFormat.Write(model);
        return context.Transforms.CustomMapping<Rows.FeaturesRow, Rows.ConstantKeyRow>(
                LabelPropagationConstantKeyFactory.Map, ModelContracts.LabelPropagationConstantKeyV3)
            .Append(context.Transforms.Conversion.MapValue(Rows.Header, new[] { new KeyValuePair<uint, double[]>(1, header) }, Rows.ConstantKey))
            .Append(context.Transforms.CustomMapping<Rows.HeaderRow, Rows.StateKeyRow>(
                LabelPropagationStateKeyFactory.MapFullState, ModelContracts.LabelPropagationStateKeyV3))
            .Append(context.Transforms.Conversion.MapValue(Rows.State, new[]
            {
                new KeyValuePair<uint, float[]>(LabelPropagationModelFormat.FullStateKey, state),
                new KeyValuePair<uint, float[]>(LabelPropagationModelFormat.EmptyStateKey, []),
            }, Rows.StateKey))
            .Append(context.Transforms.CustomMapping<Rows.StoredRow, Rows.PaddedPredictionRow>(
                LabelPropagationPredictFactory.MapNever, ModelContracts.LabelPropagationPredictV3));
    }

    /// <summary>A pipeline of the right shape for a label of <paramref name="kind"/>, for schema propagation before Fit.</summary>
    public static IEstimator<ITransformer> ShapeOnly(MLContext context, GraphLabelingOptions options, LabelKind kind)
    {
        var classes = kind switch
        {
            LabelKind.Key => ClassCatalog.ForKey(new KeyDataViewType(typeof(uint), 1), null),
            LabelKind.Text => ClassCatalog.ForText(TextDataViewType.Instance, ["class"]),
            LabelKind.Double => ClassCatalog.ForNumbers(kind, NumberDataViewType.Double, [0.0]),
            _ => ClassCatalog.ForNumbers(kind, NumberDataViewType.Single, [0.0]),
        };
        var model = new LabelPropagationModel(LabelPropagationKernel.NearestNeighbors, 1, 1, new Graphs.PointSet([0f], 1), 1, [1f], labeled: null);
        return Live(context, options, classes, model);
    }

    /// <summary>The features under the fixed name; at unit length under <see cref="NeighborMetric.Cosine"/> (<see cref="UnitLengthMapping"/>).</summary>
    private static IEstimator<ITransformer> Start(MLContext context, GraphLabelingOptions options, LabelPropagationModel model) =>
        options.Metric == NeighborMetric.Cosine
            ? UnitLengthMapping.CopyAtUnitLength(context, options.FeatureColumnName, model.Points.Dimension)
            : context.Transforms.CopyColumns(Rows.Features, options.FeatureColumnName);

    /// <summary>
    /// Cuts the saved prediction's distribution (<see cref="Rows.MaximumClassCount"/> slots) to its
    /// <paramref name="classCount"/> classes: a slot selection fitted on one row whose first slots are set, which
    /// ML.NET saves as the slots to drop, so the loaded distribution column keeps its size.
    /// </summary>
    private static ITransformer SizeDistribution(MLContext context, int classCount)
    {
        var kept = new VBuffer<float>(Rows.MaximumClassCount, classCount, Enumerable.Repeat(1f, classCount).ToArray(), Enumerable.Range(0, classCount).ToArray());
        var row = context.Data.LoadFromEnumerable(new[] { new Rows.PaddedPredictionRow { Distribution = kept } });
        return context.Transforms.FeatureSelection.SelectFeaturesBasedOnCount(Rows.Distribution, Rows.PaddedDistribution, count: 1).Fit(row);
    }

    /// <summary>
    /// The outputs: ML.NET's multiclass PredictedLabel (a key whose key values are the class names, key i + 1 for
    /// class i, the missing key for an unreached row) and Score (the distribution), the label in its own type (for a
    /// key label, the PredictedLabel key itself) and the confidence; then the working columns dropped.
    /// </summary>
    private static IEstimator<ITransformer> Finish(MLContext context, GraphLabelingOptions options, ClassCatalog classes, bool stored)
    {
        var output = options.PropagatedLabelColumnName;
        var convert = context.Transforms.Conversion;
        var predicted = LabelPropagationDefaults.PredictedLabelColumnName;
        var chain = convert.MapValue(Rows.ClassName, Pairs(classes, string.Empty, i => classes.Names[i]), Rows.Class)
            .Append(convert.MapValueToKey(predicted, Rows.ClassName, keyData: KeyData(classes)));
        IEstimator<ITransformer> label = classes.Kind switch
        {
            LabelKind.Double => convert.MapValue(output, Pairs(classes, double.NaN, i => classes.NumberOf(i)), Rows.Class),
            LabelKind.Text => convert.MapValue(output, Pairs(classes, string.Empty, classes.TextOf), Rows.Class),
            LabelKind.Key => context.Transforms.CopyColumns(output, predicted),
            _ => convert.MapValue(output, Pairs(classes, float.NaN, i => (float)classes.NumberOf(i)), Rows.Class),
        };
        return chain
            .Append(label)
            .Append(context.Transforms.CopyColumns(LabelPropagationDefaults.ScoreColumnName, Rows.Distribution))
            .Append(context.Transforms.CopyColumns(options.ConfidenceColumnName, Rows.Confidence))
            .Append(context.Transforms.DropColumns(WorkingColumns(stored, options.Metric)));
    }

    private static string[] WorkingColumns(bool stored, NeighborMetric metric)
    {
        var columns = new List<string> { Rows.Features, Rows.Class, Rows.Distribution, Rows.Confidence, Rows.ClassName };
        if (metric == NeighborMetric.Cosine)
            columns.Add(UnitLengthMapping.RawFeatures);
        if (stored)
            columns.AddRange([Rows.ConstantKey, Rows.Header, Rows.StateKey, Rows.State, Rows.PaddedDistribution]);
        return columns.ToArray();
    }

    private static KeyValuePair<uint, T>[] Pairs<T>(ClassCatalog classes, T missing, Func<int, T> valueOf)
    {
        var pairs = new KeyValuePair<uint, T>[classes.Count + 1];
        pairs[0] = new KeyValuePair<uint, T>(0, missing);
        for (int i = 0; i < classes.Count; i++)
            pairs[i + 1] = new KeyValuePair<uint, T>((uint)(i + 1), valueOf(i));
        return pairs;
    }

    private static IDataView KeyData(ClassCatalog classes)
    {
        var column = InMemoryColumn.Create(Rows.ClassName, TextDataViewType.Instance,
            (int row, ref ReadOnlyMemory<char> value) => value = classes.Names[row].AsMemory());
        return new InMemoryDataView([column], Enumerable.Range(0, classes.Count).ToArray());
    }
}
