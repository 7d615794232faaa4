using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.CoTraining;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;
using Microsoft.ML.SemiSupervised.TriTraining;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// Writes the saved-model fixtures of co-training, tri-training and label spreading (format v3, and the sparse format v1 on featurized text), one per contract in ModelContracts, and the
/// report fixtures (a model of each kind with its report saved, and name.report.txt, the report it carries):
/// <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.Benchmarks -- model-fixtures test/data [NAME ...]</c>
/// (only the named fixtures when names follow the folder).
/// For each fixture it writes <c>name.zip</c> (the fitted model, saved with <c>mlContext.Model.Save</c>) and
/// <c>name.csv</c> (ten test rows' features and the predictions the model gave them when it was saved). The unit
/// tests (ModelFixtureTests) load each zip in a fresh MLContext and check its predictions against the CSV. Run it
/// again only to add a fixture for a new contract: it keeps every zip that exists (that is what the fixtures guard).
/// Small data and two rounds keep each zip a few KB: breast_cancer (binary) and iris (multiclass), 10 % labels.
/// </summary>
public static class ModelFixtureGenerator
{
    private const int Rows = 10;

    private static string[] s_only = [];

    /// <summary>Writes every fixture into the folder the first argument names (default test/data).</summary>
    public static int Run(string[] args)
    {
        var directory = args.Length > 0 ? args[0] : Path.Combine("test", "data");
        s_only = args.Length > 1 ? args[1..] : [];
        foreach (var combination in new[] { CoTrainingCombination.Product, CoTrainingCombination.Mean })
        {
            var name = combination == CoTrainingCombination.Product ? "product" : "mean";
            Write(directory, $"cotraining_binary_{name}_v1", "breast_cancer",
                ml => ml.SemiSupervised.CoTraining(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(), ml.BinaryClassification.Trainers.LbfgsLogisticRegression(),
                    new CoTrainingOptions { Seed = 1, MaximumNumberOfIterations = 2, Combination = combination }));
            Write(directory, $"cotraining_multiclass_{name}_v1", "iris",
                ml => ml.SemiSupervised.CoTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(),
                    new CoTrainingOptions { Seed = 1, MaximumNumberOfIterations = 2, Combination = combination }));
        }
        Write(directory, "tritraining_binary_vote_v1", "breast_cancer",
            ml => ml.SemiSupervised.TriTraining(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(), new TriTrainingOptions { Seed = 1, MaximumNumberOfIterations = 2 }));
        Write(directory, "tritraining_multiclass_vote_v1", "iris",
            ml => ml.SemiSupervised.TriTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), new TriTrainingOptions { Seed = 1, MaximumNumberOfIterations = 2 }));

        // Report format v1 (contract Report.ConstantKey.v1): one model of each kind that carries a report, with the
        // distribution-shift check on so that the nested shift report is saved too; name.report.txt is the live
        // report as ReportText describes it, which the loaded model's report must equal.
        Write(directory, "cotraining_binary_mean_report_v1", "breast_cancer",
            ml => ml.SemiSupervised.CoTraining(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(), ml.BinaryClassification.Trainers.LbfgsLogisticRegression(),
                new CoTrainingOptions { Seed = 1, MaximumNumberOfIterations = 2, Combination = CoTrainingCombination.Mean, CheckDistributionShift = true }),
            model => ((CoTrainingTransformer)model).Report);
        Write(directory, "tritraining_multiclass_vote_report_v1", "iris",
            ml => ml.SemiSupervised.TriTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(),
                new TriTrainingOptions { Seed = 1, MaximumNumberOfIterations = 2, CheckDistributionShift = true }),
            model => ((TriTrainingTransformer)model).Report);
        Write(directory, "label_spreading_iris_report_v1", "iris",
            ml => ml.SemiSupervised.LabelSpreading(new LabelSpreadingOptions { Seed = 1, NumberOfNeighbors = 7, CheckDistributionShift = true }),
            model => ((LabelPropagationTransformer)model).Report);

        // Label spreading with the search index for new rows (approximate search asked for: wine is below ExactSearchRowLimit).
        Write(directory, "label_spreading_wine_v3", "wine",
            ml => ml.SemiSupervised.LabelSpreading(new LabelSpreadingOptions { Seed = 1, NeighborSearch = NeighborSearch.Approximate }));

        // Label spreading with Metric = Cosine (contract LabelPropagation.UnitLength.v1 before the format v3 model).
        Write(directory, "label_spreading_wine_cosine_v1", "wine",
            ml => ml.SemiSupervised.LabelSpreading(new LabelSpreadingOptions { Seed = 1, Metric = NeighborMetric.Cosine }));

        // Label spreading on featurized text (sparse format v1, contracts LabelPropagation.Sparse.*.v1), saved with its featurizer.
        WriteSparse(directory, "label_spreading_sparse_v1");
        return 0;
    }

    /// <summary>
    /// FeaturizeText then label spreading (k = 10) on 300 generated support tickets (<see cref="TicketTexts"/>, seed 7,
    /// 5 % labeled), saved as one pipeline from the text; name.csv holds ten new tickets (seed 8), their PredictedLabel
    /// key, PropagatedLabel and Score.
    /// </summary>
    private static void WriteSparse(string directory, string name)
    {
        if (s_only.Length > 0 && !s_only.Contains(name))
            return;
        if (File.Exists(Path.Combine(directory, name + ".zip")))
        {
            Console.WriteLine($"{name}: kept (a fixture is never regenerated)");
            return;
        }
        var ml = new MLContext(1);
        var raw = ml.Data.LoadFromEnumerable(TicketTexts.Generate(300, 0.05, seed: 7));
        var model = ml.Transforms.Text.FeaturizeText("Features", "Text")
            .Append(ml.SemiSupervised.LabelSpreading(new LabelSpreadingOptions { NumberOfNeighbors = 10 })).Fit(raw);
        ml.Model.Save(model, raw.Schema, Path.Combine(directory, name + ".zip"));
        var tickets = TicketTexts.Generate(Rows, 0, seed: 8).Select(t => new TicketText { Text = t.Text }).ToArray();
        var scored = model.Transform(ml.Data.LoadFromEnumerable(tickets));
        var predicted = scored.GetColumn<uint>("PredictedLabel").ToArray();
        var labels = scored.GetColumn<string>("PropagatedLabel").ToArray();
        var scores = scored.GetColumn<float[]>("Score").ToArray();
        using var csv = new StreamWriter(Path.Combine(directory, name + ".csv"));
        csv.WriteLine(string.Join(',', new[] { "Text", "PredictedLabel", "PropagatedLabel" }.Concat(Enumerable.Range(0, scores[0].Length).Select(c => $"Score.{c}"))));
        for (int i = 0; i < tickets.Length; i++)
            csv.WriteLine(string.Join(',', new[] { tickets[i].Text, predicted[i].ToString(CultureInfo.InvariantCulture), labels[i] }.Concat(scores[i].Select(Format))));
        Console.WriteLine($"{name}: {new FileInfo(Path.Combine(directory, name + ".zip")).Length} bytes");
    }

    private static void Write(string directory, string name, string dataSet, Func<MLContext, IEstimator<ITransformer>> estimator, Func<ITransformer, object>? report = null)
    {
        if (s_only.Length > 0 && !s_only.Contains(name))
            return;
        if (File.Exists(Path.Combine(directory, name + ".zip")))
        {
            Console.WriteLine($"{name}: kept (a fixture is never regenerated)");
            return;
        }
        var data = CsvDataSet.Load(dataSet);
        var split = SemiSupervisedSplit.Create(data, 0.1, seed: 1);
        var ml = new MLContext(1);
        var train = DataViews.Train(ml, data, split);
        var model = estimator(ml).Fit(train);
        if (report is not null)
            File.WriteAllText(Path.Combine(directory, name + ".report.txt"), ReportText.Describe(report(model)));
        var rows = split.TestRows.Take(Rows).ToArray();
        var test = DataViews.Load(ml, rows.Select(r => new FloatLabelRow { Label = float.NaN, Features = data.Features[r] }), data.Dimension);
        ml.Model.Save(model, train.Schema, Path.Combine(directory, name + ".zip"));

        var scored = model.Transform(test);
        if (scored.Schema.GetColumnOrNull("PropagatedLabel") is not null && report is not null)
        {
            Console.WriteLine($"{name}: {new FileInfo(Path.Combine(directory, name + ".zip")).Length} bytes (graph labeling: its report, no prediction CSV)");
            return;
        }
        bool binary = scored.Schema["PredictedLabel"].Type is BooleanDataViewType;
        var features = scored.GetColumn<float[]>("Features").ToArray();
        var header = Enumerable.Range(0, data.Dimension).Select(i => $"Features.{i}").Append("PredictedLabel");
        List<string[]> outputs;
        if (binary)
        {
            header = header.Append("Score").Append("Probability");
            var predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();
            var score = scored.GetColumn<float>("Score").ToArray();
            var probability = scored.GetColumn<float>("Probability").ToArray();
            outputs = predicted.Select((p, i) => new[] { p ? "1" : "0", Format(score[i]), Format(probability[i]) }).ToList();
        }
        else
        {
            var predicted = scored.GetColumn<uint>("PredictedLabel").ToArray();
            var score = scored.GetColumn<float[]>("Score").ToArray();
            header = header.Concat(Enumerable.Range(0, score[0].Length).Select(c => $"Score.{c}"));
            outputs = predicted.Select((p, i) => score[i].Select(Format).Prepend(p.ToString(CultureInfo.InvariantCulture)).ToArray()).ToList();
        }
        using var csv = new StreamWriter(Path.Combine(directory, name + ".csv"));
        csv.WriteLine(string.Join(',', header));
        for (int i = 0; i < features.Length; i++)
            csv.WriteLine(string.Join(',', features[i].Select(Format).Concat(outputs[i])));
        Console.WriteLine($"{name}: {new FileInfo(Path.Combine(directory, name + ".zip")).Length} bytes");
    }

    private static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
