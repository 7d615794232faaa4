using Microsoft.ML.SemiSupervised.Persistence;
using Microsoft.ML.Transforms;
using Rows = Microsoft.ML.SemiSupervised.LabelPropagation.LabelPropagationRows;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

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
