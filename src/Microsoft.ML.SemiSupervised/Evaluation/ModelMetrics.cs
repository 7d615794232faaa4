using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Labels;

namespace Microsoft.ML.SemiSupervised.Evaluation;

/// <summary>
/// Scores labeled test rows with a classifier and measures it with ML.NET's own evaluators, whatever the
/// type of the user's label: the rows' classes are given to the evaluator as the label type the model
/// predicts (Boolean, or the model's own key with its key values).
/// </summary>
internal static class ModelMetrics
{
    private const string LabelColumn = "Label";
    private const string ScoreColumn = "Score";
    private const string PredictedLabelColumn = "PredictedLabel";
    private const string ProbabilityColumn = "Probability";

    /// <summary>
    /// Measures <paramref name="model"/> on <paramref name="test"/>, whose rows are of classes <paramref name="classes"/>;
    /// without <paramref name="evaluatorMetrics"/>, only the accuracy and which rows it got right (no ML.NET metrics,
    /// which a binary test of a single row or class cannot have: ML.NET's AUC needs both classes).
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is not a classifier, or a binary model meets more than two classes.</exception>
    public static ScoredMetrics Measure(MLContext context, ITransformer model, IDataView test, int[] classes, ClassCatalog catalog, bool evaluatorMetrics = true)
    {
        var scored = model.Transform(test);
        var predictedColumn = scored.Schema.GetColumnOrNull(PredictedLabelColumn)
            ?? throw new InvalidOperationException("The model writes no PredictedLabel column: evaluation compares classifiers.");
        return predictedColumn.Type is BooleanDataViewType
            ? MeasureBinary(context, scored, classes, catalog, evaluatorMetrics)
            : MeasureMulticlass(context, scored, predictedColumn, classes, catalog, evaluatorMetrics);
    }

    /// <summary>
    /// The class (in <paramref name="catalog"/>'s numbering) <paramref name="model"/> predicts for each row of
    /// <paramref name="rows"/>: for a Boolean prediction true is class 1, for a key the class of the key's value;
    /// -1 for the missing key or a key value that is no class of the catalog.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is not a classifier, or a binary model meets more than two classes.</exception>
    public static int[] PredictedClasses(ITransformer model, IDataView rows, ClassCatalog catalog)
    {
        var scored = model.Transform(rows);
        var predictedColumn = scored.Schema.GetColumnOrNull(PredictedLabelColumn)
            ?? throw new InvalidOperationException("The model writes no PredictedLabel column: evaluation compares classifiers.");
        if (predictedColumn.Type is BooleanDataViewType)
        {
            if (catalog.Count != 2)
                throw new InvalidOperationException($"A binary model was evaluated on a label with {catalog.Count} classes ({string.Join(", ", catalog.Names)}).");
            return scored.GetColumn<bool>(PredictedLabelColumn).Select(p => p ? 1 : 0).ToArray();
        }
        var keyOf = KeysOfClassNames(predictedColumn);
        var classOfKey = new int[((KeyDataViewType)predictedColumn.Type).Count + 1];
        Array.Fill(classOfKey, -1);
        for (int c = 0; c < catalog.Count; c++)
        {
            if (keyOf.TryGetValue(catalog.Names[c], out uint key) && classOfKey[key] < 0)
                classOfKey[key] = c;
        }
        return scored.GetColumn<uint>(PredictedLabelColumn).Select(k => k < classOfKey.Length ? classOfKey[k] : -1).ToArray();
    }

    private static ScoredMetrics MeasureBinary(MLContext context, IDataView scored, int[] classes, ClassCatalog catalog, bool evaluatorMetrics)
    {
        if (catalog.Count != 2)
            throw new InvalidOperationException($"A binary model was evaluated on a label with {catalog.Count} classes ({string.Join(", ", catalog.Names)}).");
        var truth = classes.Select(c => c == 1).ToArray();
        var predicted = scored.GetColumn<bool>(PredictedLabelColumn).ToArray();
        var correct = predicted.Select((p, i) => p == truth[i]).ToArray();
        if (!evaluatorMetrics)
            return new ScoredMetrics(Accuracy(correct), correct, null, null);
        var columns = new List<InMemoryColumn>
        {
            InMemoryColumn.Create(LabelColumn, BooleanDataViewType.Instance, (int r, ref bool v) => v = truth[r]),
            Copy<bool>(scored, PredictedLabelColumn, predicted),
            Copy<float>(scored, ScoreColumn, scored.GetColumn<float>(ScoreColumn).ToArray()),
        };
        bool calibrated = scored.Schema.GetColumnOrNull(ProbabilityColumn) is not null;
        if (calibrated)
            columns.Add(Copy<float>(scored, ProbabilityColumn, scored.GetColumn<float>(ProbabilityColumn).ToArray()));
        var view = new InMemoryDataView(columns, Enumerable.Range(0, truth.Length).ToArray());
        var metrics = calibrated
            ? context.BinaryClassification.Evaluate(view, LabelColumn, ScoreColumn, ProbabilityColumn, PredictedLabelColumn)
            : context.BinaryClassification.EvaluateNonCalibrated(view, LabelColumn, ScoreColumn, PredictedLabelColumn);
        return new ScoredMetrics(Accuracy(correct), correct, metrics, null);
    }

    private static ScoredMetrics MeasureMulticlass(MLContext context, IDataView scored, DataViewSchema.Column predictedColumn, int[] classes, ClassCatalog catalog, bool evaluatorMetrics)
    {
        var keyOf = KeysOfClassNames(predictedColumn);
        var keyType = (KeyDataViewType)predictedColumn.Type;
        var truth = classes.Select(c => keyOf.GetValueOrDefault(catalog.Names[c])).ToArray();
        var predicted = scored.GetColumn<uint>(PredictedLabelColumn).ToArray();
        // A test class the model never saw has no key: it counts as a miss here (ML.NET's evaluator skips such rows).
        var correct = predicted.Select((p, i) => truth[i] != 0 && p == truth[i]).ToArray();
        if (!evaluatorMetrics)
            return new ScoredMetrics(Accuracy(correct), correct, null, null);
        var scores = scored.GetColumn<VBuffer<float>>(ScoreColumn).Select(v => { VBuffer<float> copy = default; v.CopyTo(ref copy); return copy; }).ToArray();
        var columns = new[]
        {
            InMemoryColumn.Create(LabelColumn, keyType, (int r, ref uint v) => v = truth[r], predictedColumn.Annotations),
            Copy<uint>(scored, PredictedLabelColumn, predicted),
            InMemoryColumn.Create(ScoreColumn, scored.Schema[ScoreColumn].Type, (int r, ref VBuffer<float> v) => scores[r].CopyTo(ref v), scored.Schema[ScoreColumn].Annotations),
        };
        var view = new InMemoryDataView(columns, Enumerable.Range(0, truth.Length).ToArray());
        var metrics = context.MulticlassClassification.Evaluate(view, LabelColumn, ScoreColumn, PredictedLabelColumn);
        return new ScoredMetrics(Accuracy(correct), correct, null, metrics);
    }

    /// <summary>The key of each class name the model's PredictedLabel knows (its key values name its classes; the first key of a name).</summary>
    private static Dictionary<string, uint> KeysOfClassNames(DataViewSchema.Column predictedColumn)
    {
        if (predictedColumn.Type is not KeyDataViewType { RawType: var raw } keyType || raw != typeof(uint))
            throw new InvalidOperationException($"The model's PredictedLabel is {predictedColumn.Type}; evaluation expects a Boolean or a UInt32 key.");
        var modelNames = LabelColumnReader.KeyNames(predictedColumn)
            ?? Enumerable.Range(1, (int)keyType.Count).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return modelNames.Select((name, i) => (name, key: (uint)i + 1)).GroupBy(p => p.name).ToDictionary(g => g.Key, g => g.First().key);
    }

    private static double Accuracy(bool[] correct) => (double)correct.Count(c => c) / correct.Length;

    private static InMemoryColumn Copy<T>(IDataView scored, string name, T[] values)
    {
        var column = scored.Schema[name];
        return InMemoryColumn.Create(name, column.Type, (int r, ref T v) => v = values[r], column.Annotations);
    }
}
