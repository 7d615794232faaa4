using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Auto;
using Microsoft.ML.SemiSupervised.InnerTrainers;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;
using Microsoft.ML.Trainers;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// Reverse validation (Zhong et al. 2010) on the cells of issue 11's Auto table where a class has a single label, so
/// that cross-validation has nothing to hold out: the supervised trainer and label spreading then the trainer are each
/// fitted on the training rows, each labels the unlabeled rows, the trainer is fitted on those rows with those labels
/// alone (the reverse model), and both reverse models are tested on the labeled rows. Prints, per data set, trainer and
/// seed, both models' test accuracy, both reverse models' accuracy on the labeled rows, the labeled rows only one of
/// them got right, and the one-sided sign test of spreading's reverse model against the supervised one's.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.Benchmarks -- auto-reverse [--fraction 0.01]
/// [--seeds 1,2,3] [data sets...]</c> (default iris wine breast_cancer digits; a data set may be a CSV's path without
/// ".csv"; trainers "defaults" and "l2" and the splits of <see cref="AutoTable"/>). docs/auto.md, "Few labels: what was tried", has the results.
/// </remarks>
public static class AutoReverseValidation
{
    private sealed record Seed(string Name, string Trainer, int SeedNumber, int Labels, double SupervisedTest, double SpreadingTest,
        double SupervisedReverse, double SpreadingReverse, int SpreadingOnly, int SupervisedOnly, double P);

    /// <summary>Prints one markdown row per data set, trainer and seed.</summary>
    public static int Run(string[] arguments)
    {
        var options = arguments.ToList();
        double fraction = double.Parse(AutoTable.Take(options, "--fraction") ?? "0.01", CultureInfo.InvariantCulture);
        var seeds = (AutoTable.Take(options, "--seeds") ?? "1,2,3").Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var names = options.Count > 0 ? options.ToArray() : ["iris", "wine", "breast_cancer", "digits"];
        Console.WriteLine("| data set | trainer | seed | labels | supervised (test) | spreading (test) | reverse, supervised (labeled rows) | reverse, spreading | only spreading's reverse right | only supervised's | sign test p |");
        Console.WriteLine("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var name in names)
        {
            var data = AutoTable.Scaled(TableData.Load(name));
            foreach (var trainer in new[] { "defaults", "l2" })
            {
                foreach (int seed in seeds)
                {
                    var s = Measure(name, trainer, data, fraction, seed);
                    Console.WriteLine(FormattableString.Invariant(
                        $"| {s.Name} | {s.Trainer} | {s.SeedNumber} | {s.Labels} | {s.SupervisedTest:F3} | {s.SpreadingTest:F3} | {s.SupervisedReverse:F3} | {s.SpreadingReverse:F3} | {s.SpreadingOnly} | {s.SupervisedOnly} | {s.P:F3} |"));
                }
            }
        }
        return 0;
    }

    private static Seed Measure(string name, string trainer, CsvDataSet data, double fraction, int seed)
    {
        var ml = new MLContext(seed);
        var split = SemiSupervisedSplit.Create(data, fraction, seed);
        float l1 = trainer == "l2" ? 0f : 1f;
        return data.ClassCount == 2
            ? Measure(ml, () => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(l1Regularization: l1, l2Regularization: 1f), LabelTask.Binary, name, trainer, data, split, seed)
            : Measure(ml, () => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(l1Regularization: l1, l2Regularization: 1f), LabelTask.Multiclass, name, trainer, data, split, seed);
    }

    private static Seed Measure<TTransformer, TModel>(MLContext ml, Func<ITrainerEstimator<TTransformer, TModel>> trainer, LabelTask task, string name, string trainerName,
        CsvDataSet data, SemiSupervisedSplit split, int seed)
        where TTransformer : class, ISingleFeaturePredictionTransformer<TModel>
        where TModel : class
    {
        var options = new AutoOptions { Seed = seed };
        var trainers = TrainerSource<TTransformer>.From(trainer);
        var supervised = AutoCandidates.Supervised(ml, trainers, task, options);
        var spreading = AutoCandidates.Defaults<TTransformer, TModel>(ml, trainers, TrainerSource<ITransformer>.From(trainer), task, options)
            .Single(c => c.Name == "LabelSpreadingThenTrainer");
        var train = DataViews.Train(ml, data, split);
        var test = DataViews.Test(ml, data, split);
        var truth = split.TestRows.Select(r => data.Labels[r]).ToArray();
        var labeled = split.TrainRows.Where((_, i) => split.TrainLabeled[i]).ToArray();
        var unlabeled = split.TrainRows.Where((_, i) => !split.TrainLabeled[i]).ToArray();
        var labeledView = DataViews.Load(ml, labeled.Select(r => new FloatLabelRow { Label = data.Labels[r], Features = data.Features[r] }), data.Dimension);
        var unlabeledView = DataViews.Load(ml, unlabeled.Select(r => new FloatLabelRow { Label = float.NaN, Features = data.Features[r] }), data.Dimension);
        var labeledTruth = labeled.Select(r => data.Labels[r]).ToArray();

        var supervisedModel = supervised().Fit(train);
        var spreadingModel = spreading.Create(seed).Fit(train);
        var supervisedReverse = Reverse(ml, supervised, supervisedModel, unlabeled, unlabeledView, labeledView, data);
        var spreadingReverse = Reverse(ml, supervised, spreadingModel, unlabeled, unlabeledView, labeledView, data);
        int spreadingOnly = labeledTruth.Where((t, i) => spreadingReverse[i] == t && supervisedReverse[i] != t).Count();
        int supervisedOnly = labeledTruth.Where((t, i) => supervisedReverse[i] == t && spreadingReverse[i] != t).Count();
        return new Seed(name, trainerName, seed, labeled.Length, TableData.Accuracy(supervisedModel, test, truth), TableData.Accuracy(spreadingModel, test, truth),
            Share(supervisedReverse, labeledTruth), Share(spreadingReverse, labeledTruth), spreadingOnly, supervisedOnly, SignTest.OneSidedPValue(spreadingOnly, supervisedOnly));
    }

    /// <summary>The reverse model's class for each labeled row: the trainer fitted on the unlabeled rows with <paramref name="model"/>'s classes.</summary>
    private static int[] Reverse(MLContext ml, Func<IEstimator<ITransformer>> supervised, ITransformer model, int[] unlabeled, IDataView unlabeledView, IDataView labeledView, CsvDataSet data)
    {
        var classes = PredictedClasses(model, unlabeledView);
        var pseudo = DataViews.Load(ml, unlabeled.Select((r, i) => new FloatLabelRow { Label = classes[i] >= 0 ? classes[i] : float.NaN, Features = data.Features[r] }), data.Dimension);
        var distinct = classes.Where(c => c >= 0).Distinct().ToArray();
        int rows = (int)labeledView.GetRowCount()!.Value;
        // One class among the rows: a reverse model can only predict it (the trainers need two classes).
        if (distinct.Length == 1)
            return Enumerable.Repeat(distinct[0], rows).ToArray();
        return PredictedClasses(supervised().Fit(pseudo), labeledView);
    }

    /// <summary>Each row's predicted class: for a Boolean prediction true is class 1; for a key the key's value.</summary>
    private static int[] PredictedClasses(ITransformer model, IDataView data)
    {
        var scored = model.Transform(data);
        var column = scored.Schema["PredictedLabel"];
        if (column.Type is BooleanDataViewType)
            return scored.GetColumn<bool>(column).Select(b => b ? 1 : 0).ToArray();
        VBuffer<float> keyValues = default;
        column.GetKeyValues(ref keyValues);
        var values = keyValues.DenseValues().ToArray();
        return scored.GetColumn<uint>(column).Select(k => k == 0 ? -1 : (int)values[k - 1]).ToArray();
    }

    private static double Share(int[] predicted, int[] truth) => (double)predicted.Where((p, i) => p == truth[i]).Count() / truth.Length;
}
