using Microsoft.ML.SemiSupervised.Selection;
using Microsoft.ML.SemiSupervised.SelfTraining;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.Selection;

/// <summary>A rule of one's own, as docs/self-training.md writes it, through a whole fit.</summary>
public sealed class CustomSelectionTests
{
    /// <summary>The snippet of docs/self-training.md, "Your own rule".</summary>
    private sealed class RisingThresholdSelection : PseudoLabelSelection
    {
        public override IReadOnlyList<PseudoLabel> Select(PseudoLabelCandidates candidates)
        {
            double threshold = Math.Min(0.99, 0.7 + 0.05 * candidates.Iteration);
            var labels = new List<PseudoLabel>();
            for (int i = 0; i < candidates.Count; i++)
            {
                if (candidates.Confidences[i] >= threshold)
                    labels.Add(new PseudoLabel(i, candidates.PredictedClasses[i]));
            }
            return labels;
        }
    }

    /// <summary>Records what the loop shows a rule, and labels the first candidate with class 0.</summary>
    private sealed class RecordingSelection : PseudoLabelSelection
    {
        public List<(int Iteration, int Count, int Labeled, int FirstRow)> Calls { get; } = new();

        public override IReadOnlyList<PseudoLabel> Select(PseudoLabelCandidates candidates)
        {
            Calls.Add((candidates.Iteration, candidates.Count, candidates.LabeledRows.Count, candidates.Rows[0]));
            Assert.All(candidates.Rows, r => Assert.Equal(-1, candidates.Labels[r]));
            Assert.All(candidates.LabeledRows, r => Assert.True(candidates.Labels[r] >= 0));
            Assert.Equal(4, candidates.FeatureCount);
            Assert.Equal(1.0, candidates.LabeledClassProportions.Sum(), 12);
            return new[] { new PseudoLabel(0, 0) };
        }
    }

    [Fact]
    public void Fit_RisingThresholdFromTheDocs_AddsOnlyRowsAboveEachIterationsThreshold()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var options = new SelfTrainingOptions { Selection = new RisingThresholdSelection() };

        var report = ml.SemiSupervised.SelfTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), options).FitWithReport(data).Report;

        Assert.True(report.PseudoLabeledCount > 0);
        foreach (var iteration in report.Iterations.Where(i => i.Added > 0))
            Assert.True(iteration.MeanConfidence >= 0.7 + 0.05 * iteration.Iteration, $"iteration {iteration.Iteration}: mean confidence {iteration.MeanConfidence}");
    }

    [Fact]
    public void Fit_CustomRule_SeesTheLoopsStateAndItsLabelsAreApplied()
    {
        var ml = new MLContext(1);
        var (data, _, labeled) = IrisData.PartlyLabeled(ml, 5);
        var rule = new RecordingSelection();

        var report = ml.SemiSupervised.SelfTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), new SelfTrainingOptions { Selection = rule, MaximumNumberOfIterations = 3, HoldOutFraction = 0 })
            .FitWithReport(data).Report;

        int unlabeled = labeled.Count(l => !l);
        Assert.Equal(new[] { 1, 2, 3 }, rule.Calls.Select(c => c.Iteration));
        Assert.Equal(new[] { unlabeled, unlabeled - 1, unlabeled - 2 }, rule.Calls.Select(c => c.Count));
        Assert.Equal(new[] { 15, 16, 17 }, rule.Calls.Select(c => c.Labeled));
        foreach (var call in rule.Calls)
        {
            Assert.Equal(call.Iteration, report.LabeledIteration[call.FirstRow]);
            Assert.Equal(0, report.AssignedClass[call.FirstRow]);
        }
    }
}
