using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>What the accuracy tables (<see cref="AutoTable"/>, <see cref="AutoRuleTable"/>, <see cref="SelfTrainingDefaultsTable"/>) share: their data sets, test accuracy and the short candidate names.</summary>
internal static class TableData
{
    /// <summary>The share of test rows whose PredictedLabel is the true class (Boolean: true is 1; key: its key value).</summary>
    internal static double Accuracy(ITransformer model, IDataView test, int[] truth) => Accuracy(model.Transform(test), truth);

    /// <summary>The share of scored rows whose PredictedLabel is the true class (Boolean: true is 1; key: its key value).</summary>
    internal static double Accuracy(IDataView scored, int[] truth)
    {
        var column = scored.Schema["PredictedLabel"];
        int[] predicted;
        if (column.Type is BooleanDataViewType)
        {
            predicted = scored.GetColumn<bool>(column).Select(b => b ? 1 : 0).ToArray();
        }
        else
        {
            VBuffer<float> keyValues = default;
            column.GetKeyValues(ref keyValues);
            var values = keyValues.DenseValues().ToArray();
            predicted = scored.GetColumn<uint>(column).Select(k => k == 0 ? -1 : (int)values[k - 1]).ToArray();
        }
        return (double)predicted.Where((p, i) => p == truth[i]).Count() / truth.Length;
    }

    /// <summary>A data set of the tables by name: test/data's CSVs (moons with its true labels) or a generated set.</summary>
    internal static CsvDataSet Load(string name) => name switch
    {
        "moons" => CsvDataSet.Load("moons_seed", "TrueLabel", "Label"),
        "clusters" => GeneratedDataSets.Clusters(1000, seed: 1),
        "overlapping" => GeneratedDataSets.Overlapping(600, seed: 1),
        _ => CsvDataSet.Load(name),
    };

    /// <summary>A candidate's short name for the tables' choice columns.</summary>
    internal static string Short(string choice) => choice switch
    {
        "Supervised" => "sup",
        "SelfTraining" => "self",
        "LabelSpreadingThenTrainer" => "spread",
        "CoTraining" => "co",
        "TriTraining" => "tri",
        _ => choice,
    };

    /// <summary>
    /// Writes <paramref name="split"/>'s rows as the comparison scripts read them (scripts/compare_with_sklearn.py,
    /// scripts/compare_graph_defaults.py): one line each for the labeled training rows, the unlabeled training rows and
    /// the test rows, "KEY,PART,row row ...".
    /// </summary>
    internal static void WriteSplit(TextWriter splits, string key, SemiSupervisedSplit split)
    {
        splits.WriteLine($"{key},train_labeled,{string.Join(' ', split.TrainRows.Where((_, i) => split.TrainLabeled[i]))}");
        splits.WriteLine($"{key},train_unlabeled,{string.Join(' ', split.TrainRows.Where((_, i) => !split.TrainLabeled[i]))}");
        splits.WriteLine($"{key},test,{string.Join(' ', split.TestRows)}");
    }
}
