using Microsoft.ML.SemiSupervised.Persistence;
using Microsoft.ML.Transforms;
using Rows = Microsoft.ML.SemiSupervised.LabelPropagation.LabelPropagationRows;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// The saved form of a sparse model (<see cref="LabelPropagationSparseModelFormat"/>): the same chain as the dense
/// format's, each mapping reading the features as ML.NET holds them, so that no row is densified.
/// </summary>
internal static class LabelPropagationSparsePipeline
{
    /// <summary>
    /// The mappings after the features step: the constant key, the header, the state key, the state, the prediction
    /// (in the padded distribution column the dense saved form writes too).
    /// </summary>
    public static IEstimator<ITransformer> StoredPredict(MLContext context, LabelPropagationModel model)
    {
        var (header, state) = LabelPropagationSparseModelFormat.Write(model);
        return context.Transforms.CustomMapping<SparseFeaturesRow, Rows.ConstantKeyRow>(
                LabelPropagationSparseConstantKeyFactory.Map, ModelContracts.LabelPropagationSparseConstantKeyV1)
            .Append(context.Transforms.Conversion.MapValue(Rows.Header, new[] { new KeyValuePair<uint, double[]>(1, header) }, Rows.ConstantKey))
            .Append(context.Transforms.CustomMapping<Rows.HeaderRow, Rows.StateKeyRow>(
                LabelPropagationStateKeyFactory.MapFullState, ModelContracts.LabelPropagationSparseStateKeyV1))
            .Append(context.Transforms.Conversion.MapValue(Rows.State, new[]
            {
                new KeyValuePair<uint, float[]>(LabelPropagationModelFormat.FullStateKey, state),
                new KeyValuePair<uint, float[]>(LabelPropagationModelFormat.EmptyStateKey, []),
            }, Rows.StateKey))
            .Append(context.Transforms.CustomMapping<SparseStoredRow, Rows.PaddedPredictionRow>(
                LabelPropagationSparsePredictFactory.MapNever, ModelContracts.LabelPropagationSparsePredictV1));
    }
}

/// <summary>Recreates, on load of a sparse model, the mapping that emits the constant key of the saved header.</summary>
[CustomMappingFactoryAttribute(ModelContracts.LabelPropagationSparseConstantKeyV1)]
internal sealed class LabelPropagationSparseConstantKeyFactory : CustomMappingFactory<SparseFeaturesRow, Rows.ConstantKeyRow>
{
    /// <inheritdoc />
    public override Action<SparseFeaturesRow, Rows.ConstantKeyRow> GetMapping() => Map;

    /// <summary>Every row looks up the same header.</summary>
    public static void Map(SparseFeaturesRow input, Rows.ConstantKeyRow output) => output.ConstantKey = 1;
}

/// <summary>
/// Recreates, on load of a sparse model, its state key mapping: the full state on its first row, then the empty state
/// once a model with the header's content id is in memory (<see cref="LoadedStateKey{TModel}"/>).
/// </summary>
[CustomMappingFactoryAttribute(ModelContracts.LabelPropagationSparseStateKeyV1)]
internal sealed class LabelPropagationSparseStateKeyFactory : CustomMappingFactory<Rows.HeaderRow, Rows.StateKeyRow>
{
    /// <inheritdoc />
    public override Action<Rows.HeaderRow, Rows.StateKeyRow> GetMapping()
    {
        var key = new LoadedStateKey<LabelPropagationModel>(LabelPropagationSparseModelFormat.State);
        return (input, output) => output.StateKey = key.Next(input.Header);
    }
}

/// <summary>
/// Recreates, on load of a sparse model, its predict mapping: the first full state is checked against the checksum and
/// becomes the model (its inverted index rebuilt), or the model in memory with that content id is taken
/// (<see cref="LoadedModelResolver{TModel}"/>); a checksum mismatch fails every row.
/// </summary>
[CustomMappingFactoryAttribute(ModelContracts.LabelPropagationSparsePredictV1)]
internal sealed class LabelPropagationSparsePredictFactory : CustomMappingFactory<SparseStoredRow, Rows.PaddedPredictionRow>
{
    /// <inheritdoc />
    public override Action<SparseStoredRow, Rows.PaddedPredictionRow> GetMapping()
    {
        var model = new LoadedModelResolver<LabelPropagationModel>(LabelPropagationSparseModelFormat.State);
        return (input, output) => SparseStoredRow.Predict(model.Get(input.Header, input.State), input.Features, output);
    }

    /// <summary>The prediction of the save-time estimator (never run: the saved form runs a new mapping).</summary>
    public static void MapNever(SparseStoredRow input, Rows.PaddedPredictionRow output) =>
        throw new InvalidOperationException("The saved form of label propagation runs only after it is loaded.");
}
