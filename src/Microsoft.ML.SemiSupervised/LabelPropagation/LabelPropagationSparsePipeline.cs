using Microsoft.ML.SemiSupervised.Persistence;
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
