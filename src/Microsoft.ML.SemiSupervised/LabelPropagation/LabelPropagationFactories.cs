using Microsoft.ML.SemiSupervised.Persistence;
using Microsoft.ML.Transforms;
using Rows = Microsoft.ML.SemiSupervised.LabelPropagation.LabelPropagationRows;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>Recreates, on load, the mapping that emits the constant key of the saved header (format version 2, read only).</summary>
[CustomMappingFactoryAttribute(ModelContracts.LabelPropagationConstantKeyV2)]
internal sealed class LabelPropagationConstantKeyFactory : CustomMappingFactory<Rows.FeaturesRow, Rows.ConstantKeyRow>
{
    /// <inheritdoc />
    public override Action<Rows.FeaturesRow, Rows.ConstantKeyRow> GetMapping() => Map;

    /// <summary>Every row looks up the same header.</summary>
    public static void Map(Rows.FeaturesRow input, Rows.ConstantKeyRow output) => output.ConstantKey = 1;
}

/// <summary>Recreates, on load, the state key mapping of format version 2 (read only): <see cref="LabelPropagationStateKeyMapping"/>.</summary>
[CustomMappingFactoryAttribute(ModelContracts.LabelPropagationStateKeyV2)]
internal sealed class LabelPropagationStateKeyFactory : CustomMappingFactory<Rows.HeaderRow, Rows.StateKeyRow>
{
    /// <inheritdoc />
    public override Action<Rows.HeaderRow, Rows.StateKeyRow> GetMapping() => new LabelPropagationStateKeyMapping().Map;

    /// <summary>The state key of the live chain's save-time estimator (never run: the saved form runs a new mapping).</summary>
    public static void MapFullState(Rows.HeaderRow input, Rows.StateKeyRow output) => output.StateKey = LabelPropagationModelFormat.FullStateKey;
}

/// <summary>Recreates, on load, the predict mapping of format version 2 (read only): <see cref="LabelPropagationPredictMapping"/>.</summary>
[CustomMappingFactoryAttribute(ModelContracts.LabelPropagationPredictV2)]
internal sealed class LabelPropagationPredictFactory : CustomMappingFactory<Rows.StoredRow, Rows.PaddedPredictionRow>
{
    /// <inheritdoc />
    public override Action<Rows.StoredRow, Rows.PaddedPredictionRow> GetMapping() => new LabelPropagationPredictMapping().Map;

    /// <summary>The prediction of the save-time estimator (never run: the saved form runs a new mapping).</summary>
    public static void MapNever(Rows.StoredRow input, Rows.PaddedPredictionRow output) =>
        throw new InvalidOperationException("The saved form of label propagation runs only after it is loaded.");
}

/// <summary>Recreates, on load, the mapping that emits the constant key of the saved header (format version 3).</summary>
[CustomMappingFactoryAttribute(ModelContracts.LabelPropagationConstantKeyV3)]
internal sealed class LabelPropagationConstantKeyFactoryV3 : CustomMappingFactory<Rows.FeaturesRow, Rows.ConstantKeyRow>
{
    /// <inheritdoc />
    public override Action<Rows.FeaturesRow, Rows.ConstantKeyRow> GetMapping() => LabelPropagationConstantKeyFactory.Map;
}

/// <summary>Recreates, on load, the state key mapping of format version 3: <see cref="LabelPropagationStateKeyMapping"/>.</summary>
[CustomMappingFactoryAttribute(ModelContracts.LabelPropagationStateKeyV3)]
internal sealed class LabelPropagationStateKeyFactoryV3 : CustomMappingFactory<Rows.HeaderRow, Rows.StateKeyRow>
{
    /// <inheritdoc />
    public override Action<Rows.HeaderRow, Rows.StateKeyRow> GetMapping() => new LabelPropagationStateKeyMapping().Map;
}

/// <summary>
/// Recreates, on load, the predict mapping of format version 3 (<see cref="LabelPropagationPredictMapping"/>): the
/// state may carry the search index over the stored rows, which the loaded model then searches new rows with.
/// </summary>
[CustomMappingFactoryAttribute(ModelContracts.LabelPropagationPredictV3)]
internal sealed class LabelPropagationPredictFactoryV3 : CustomMappingFactory<Rows.StoredRow, Rows.PaddedPredictionRow>
{
    /// <inheritdoc />
    public override Action<Rows.StoredRow, Rows.PaddedPredictionRow> GetMapping() => new LabelPropagationPredictMapping().Map;
}
