using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Persistence;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.SemiSupervised.Reports;

/// <summary>
/// How a fit's report travels in a saved model (report format version 1): three built-in transformers appended to
/// the model's own chain: a custom mapping (<see cref="ModelContracts.ReportKeyV1"/>) that emits a constant key, a
/// value mapping that holds the report as JSON text under that key (written into the zip as data), and a column
/// drop of both. The model's outputs are unchanged and scoring never reads the report (its columns are dropped, so
/// ML.NET never asks for them). <see cref="Find"/> reads it back from a live or loaded model, without scoring.
/// </summary>
internal static class SavedReport
{
    /// <summary><paramref name="model"/> followed by the piece that carries <paramref name="report"/>: the form to save.</summary>
    public static ITransformer Append(MLContext context, ITransformer model, object report)
    {
        var text = ReportWriter.Write(report);
        IDataView empty = new EmptyDataView(new DataViewSchema.Builder().ToSchema());
        var key = context.Transforms.CustomMapping<ReportRows.NoInput, ReportRows.KeyRow>(ReportKeyFactory.Map, ModelContracts.ReportKeyV1).Fit(empty);
        var keyed = key.Transform(empty);
        var value = context.Transforms.Conversion.MapValue(ReportRows.Text,
            new[] { new KeyValuePair<uint, string>(ReportKeyFactory.ReportKey, text) }, ReportRows.Key).Fit(keyed);
        var drop = context.Transforms.DropColumns(ReportRows.Key, ReportRows.Text).Fit(value.Transform(keyed));
        return new TransformerChain<ITransformer>(model, key, value, drop);
    }

    /// <summary>
    /// Every report <paramref name="model"/> carries, in chain order: the reports of live label propagation,
    /// co-training, tri-training and Auto transformers (and of Auto's chosen model), and the saved report pieces of loaded ones, inside chains at any depth.
    /// </summary>
    public static List<object> Find(ITransformer model)
    {
        var found = new List<object>();
        Collect(model, found);
        return found;
    }

    private static void Collect(ITransformer model, List<object> found)
    {
        switch (model)
        {
            case IReportedModel reported:
                found.Add(reported.Report);
                if (reported.Inner is { } inner)
                    Collect(inner, found);
                return;
            case IEnumerable<ITransformer> chain:
                var steps = chain.ToArray();
                for (int i = 0; i < steps.Length; i++)
                {
                    if (steps[i] is CustomMappingTransformer<ReportRows.NoInput, ReportRows.KeyRow> && i + 1 < steps.Length && steps[i + 1] is ValueMappingTransformer text)
                        found.Add(new SavedText(Read(text)));
                    else
                        Collect(steps[i], found);
                }
                return;
        }
    }

    /// <summary>The report text a loaded value mapping holds under the report key.</summary>
    private static string Read(ITransformer valueMapping)
    {
        var column = InMemoryColumn.Create(ReportRows.Key, NumberDataViewType.UInt32, (int row, ref uint key) => key = ReportKeyFactory.ReportKey);
        var mapped = valueMapping.Transform(new InMemoryDataView([column], [0]));
        var texts = mapped.GetColumn<ReadOnlyMemory<char>>(mapped.Schema[ReportRows.Text]).ToArray();
        return texts.Single().ToString();
    }

    /// <summary>A saved report's text, read lazily into its report type by the caller that knows which type it wants.</summary>
    internal sealed record SavedText(string Text);
}
