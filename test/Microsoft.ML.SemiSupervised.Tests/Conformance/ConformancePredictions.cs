using System.Globalization;
using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Tests.Conformance;

/// <summary>
/// Scores rows one at a time with a <see cref="PredictionEngine{TSrc, TDst}"/>, in the output class of the case's
/// task, and returns each output column's values in the form <see cref="Infrastructure.EstimatorConformance.Values"/>
/// gives a batch transform, so that the two can be compared.
/// </summary>
public static class ConformancePredictions
{
    /// <summary>Each output column of <paramref name="c"/> (in <see cref="ConformanceCase.OutputColumns"/> order), row by row, from single-row predictions of a Single-label table.</summary>
    public static string[][] OneByOne(MLContext ml, ConformanceCase c, ITransformer model, ConformanceTable table) => c.Task switch
    {
        ConformanceTask.Binary => Predict<BinaryPrediction>(ml, model, table, p => [p.PredictedLabel.ToString(), Text(p.Score), Text(p.Probability)]),
        ConformanceTask.Multiclass => Predict<MulticlassPrediction>(ml, model, table, p => [p.PredictedLabel.ToString(CultureInfo.InvariantCulture), Text(p.Score)]),
        _ => Predict<GraphPrediction>(ml, model, table, p => [Text(p.PredictedLabel), Text(p.Score), Text(p.PropagatedLabel), Text(p.Confidence)]),
    };

    private static string[][] Predict<TOutput>(MLContext ml, ITransformer model, ConformanceTable table, Func<TOutput, string[]> texts)
        where TOutput : class, new()
    {
        var input = SchemaDefinition.Create(typeof(ConformanceTable.Row<float>));
        input[nameof(ConformanceTable.Row<float>.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, table.Dimension);
        using var engine = ml.Model.CreatePredictionEngine<ConformanceTable.Row<float>, TOutput>(model, inputSchemaDefinition: input);
        var rows = table.Features.Select((f, i) => texts(engine.Predict(new ConformanceTable.Row<float>
        {
            Label = table.Classes[i] < 0 ? float.NaN : (float)table.ClassValue(table.Classes[i]),
            Features = (float[])f.Clone(),
        }))).ToArray();
        return Enumerable.Range(0, rows[0].Length).Select(column => rows.Select(r => r[column]).ToArray()).ToArray();
    }

    private static string Text(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Text(float[] values) => string.Join(",", values.Select(Text));

    /// <summary>A binary classifier's outputs.</summary>
    public sealed class BinaryPrediction
    {
        public bool PredictedLabel { get; set; }

        public float Score { get; set; }

        public float Probability { get; set; }
    }

    /// <summary>A multiclass classifier's outputs (the predicted key as its raw value).</summary>
    public sealed class MulticlassPrediction
    {
        public uint PredictedLabel { get; set; }

        public float[] Score { get; set; } = [];
    }

    /// <summary>A graph labeling's outputs for a Single label.</summary>
    public sealed class GraphPrediction
    {
        public float PropagatedLabel { get; set; }

        public uint PredictedLabel { get; set; }

        public float[] Score { get; set; } = [];

        public float Confidence { get; set; }
    }
}
