using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Graphs;
using Microsoft.ML.SemiSupervised.Persistence;
using Microsoft.ML.Transforms;
using Rows = Microsoft.ML.SemiSupervised.LabelPropagation.LabelPropagationRows;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// The first step of a model fitted with <see cref="NeighborMetric.Cosine"/>, live and saved: each row's features
/// scaled to unit length (<see cref="UnitLength"/>, the rule the fitted rows were scaled by), sparse rows kept sparse,
/// so that the model after it (any format version) compares unit rows by Euclidean distance, which orders them by
/// cosine. A row whose features are all zero has no direction: it becomes a NaN at slot 0, which every model reads as
/// features that are not finite (no label, confidence 0).
/// </summary>
[CustomMappingFactoryAttribute(ModelContracts.LabelPropagationUnitLengthV1)]
internal sealed class UnitLengthMapping : CustomMappingFactory<UnitLengthMapping.RawRow, UnitLengthMapping.UnitRow>
{
    /// <summary>The column the features are copied into before they are scaled (a working column, dropped at the end).</summary>
    public const string RawFeatures = "__LabelPropagation_RawFeatures";

    /// <inheritdoc />
    public override Action<RawRow, UnitRow> GetMapping() => Map;

    /// <summary>
    /// The estimator that copies <paramref name="featureColumnName"/> and writes it at unit length under the fixed features name.
    /// </summary>
    public static IEstimator<ITransformer> CopyAtUnitLength(MLContext context, string featureColumnName, int dimension)
    {
        var output = SchemaDefinition.Create(typeof(UnitRow));
        output[Rows.Features].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return context.Transforms.CopyColumns(RawFeatures, featureColumnName)
            .Append(context.Transforms.CustomMapping<RawRow, UnitRow>(Map, ModelContracts.LabelPropagationUnitLengthV1, outputSchemaDefinition: output));
    }

    /// <summary>Scales one row; sparse stays sparse, a row of zeros becomes a NaN at slot 0.</summary>
    public static void Map(RawRow input, UnitRow output)
    {
        var source = input.Features;
        var values = source.GetValues();
        var editor = VBufferEditor.Create(ref output.Features, source.Length, values.Length, requireIndicesOnDense: false);
        if (!UnitLength.TryScale(values, editor.Values))
        {
            editor = VBufferEditor.Create(ref output.Features, source.Length, 1, requireIndicesOnDense: true);
            editor.Values[0] = float.NaN;
            editor.Indices[0] = 0;
            output.Features = editor.Commit();
            return;
        }
        if (!source.IsDense)
            source.GetIndices().CopyTo(editor.Indices);
        output.Features = editor.Commit();
    }

    /// <summary>A row's features, as ML.NET holds them.</summary>
    public sealed class RawRow
    {
        [ColumnName(RawFeatures)]
        public VBuffer<float> Features;
    }

    /// <summary>A row's features at unit length, under the name the model reads.</summary>
    public sealed class UnitRow
    {
        [ColumnName(Rows.Features)]
        public VBuffer<float> Features;
    }
}
