using Microsoft.ML.SemiSupervised.CoTraining;
using Microsoft.ML.SemiSupervised.Selection;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.CoTraining;

/// <summary>
/// Seeded co-training fits whose choice of rows is pinned in test/data/cotraining_selection_before.csv: the rows each
/// round labeled, and their classes, as co-training chose them with its own criterion before the selection seam.
/// </summary>
public static class CoTrainingSelectionCases
{
    /// <summary>The case names, in file order.</summary>
    public static readonly string[] Names = ["iris-default", "iris-count-2-1-3", "iris-threshold-0.9", "breast-cancer-default"];

    /// <summary>The report of case <paramref name="name"/>: every row's labeling round and class.</summary>
    public static CoTrainingReport Run(string name)
    {
        var ml = new MLContext(1);
        switch (name)
        {
            case "iris-default":
                return Iris(ml, new CoTrainingOptions { Seed = 1 });
            case "iris-count-2-1-3":
                return Iris(ml, new CoTrainingOptions { Seed = 1, Selection = new CountPerClassSelection([2, 1, 3]) });
            case "iris-threshold-0.9":
                return Iris(ml, new CoTrainingOptions { Seed = 1, Selection = new ConfidenceThresholdSelection(0.9) });
            case "breast-cancer-default":
            {
                var fold = AccuracyFold.Binary(CsvDataSet.Load("breast_cancer"), 0.1, 1);
                var trainers = fold.Ml.BinaryClassification.Trainers;
                return fold.Ml.SemiSupervised.CoTraining(trainers.LbfgsLogisticRegression(), trainers.LbfgsLogisticRegression(), new CoTrainingOptions { Seed = 1 })
                    .Fit(fold.Train).Report;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown case.");
        }
    }

    /// <summary>One line per row: case, row, labeling round, class.</summary>
    public static IEnumerable<string> Lines(string name, CoTrainingReport report) =>
        Enumerable.Range(0, report.LabeledIteration.Count).Select(r => $"{name},{r},{report.LabeledIteration[r]},{report.AssignedClass[r]}");

    private static CoTrainingReport Iris(MLContext ml, CoTrainingOptions options)
    {
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var trainers = ml.MulticlassClassification.Trainers;
        return ml.SemiSupervised.CoTraining(trainers.LbfgsMaximumEntropy(), trainers.LbfgsMaximumEntropy(), options).Fit(data).Report;
    }
}
