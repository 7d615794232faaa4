using Microsoft.ML.SemiSupervised.CoTraining;
using Microsoft.ML.SemiSupervised.Selection;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.CoTraining;

/// <summary>Co-training chooses its rows through <see cref="CoTrainingOptions.Selection"/>, the seam self-training uses.</summary>
public sealed class CoTrainingSelectionTests
{
    public static TheoryData<string> Cases => new(CoTrainingSelectionCases.Names);

    /// <summary>
    /// The default rule (CountPerClassSelection on the labeled class ratio), given counts, and a 0.9 threshold choose
    /// exactly the rows, rounds and classes that co-training's former Criterion (CountPerClass, Threshold with
    /// ConfidenceThreshold 0.9) chose on the same seeds, as recorded in test/data/cotraining_selection_before.csv.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_FormerCriteriaAsSelections_LabelTheSameRowsAsBefore(string name)
    {
        var before = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "cotraining_selection_before.csv"))
            .Where(l => l.StartsWith(name + ",", StringComparison.Ordinal)).ToArray();
        var now = CoTrainingSelectionCases.Lines(name, CoTrainingSelectionCases.Run(name)).ToArray();

        Assert.NotEmpty(before);
        Assert.Contains(now, l => int.Parse(l.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(before, now);
    }

    [Fact]
    public void Fit_CustomRule_IsCalledOncePerViewPerRound_TheSecondViewAmongThePoolRowsTheFirstLeft()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var rule = new RecordingSelection(new KBestSelection(2));
        var options = new CoTrainingOptions { Selection = rule, Seed = 1, MaximumNumberOfIterations = 3, FirstViewSlots = [0, 1, 2] };
        var trainers = ml.MulticlassClassification.Trainers;
        var report = ml.SemiSupervised.CoTraining(trainers.LbfgsMaximumEntropy(), trainers.LbfgsMaximumEntropy(), options).Fit(data).Report;

        Assert.Equal(3, report.NumberOfIterations);
        Assert.Equal([1, 1, 2, 2, 3, 3], rule.Calls.Select(c => c.Round));
        Assert.Equal([3, 1, 3, 1, 3, 1], rule.Calls.Select(c => c.FeatureCount));
        for (int round = 0; round < 3; round++)
        {
            var (first, second) = (rule.Calls[2 * round], rule.Calls[2 * round + 1]);
            Assert.Equal(75, first.Rows.Length);
            Assert.Equal(first.Rows.Except(first.Chosen), second.Rows);
            Assert.Equal(2, first.Chosen.Length);
            Assert.Equal(2, second.Chosen.Length);
            Assert.Equal(2, report.Iterations[round].AddedPerViewAndClass[0].Sum());
            Assert.Equal(2, report.Iterations[round].AddedPerViewAndClass[1].Sum());
            Assert.All(first.Chosen.Concat(second.Chosen), r => Assert.Equal(round + 1, report.LabeledIteration[r]));
        }
    }

    /// <summary>Wraps a rule and records what each call saw and chose.</summary>
    private sealed class RecordingSelection(PseudoLabelSelection inner) : PseudoLabelSelection
    {
        public List<(int Round, int[] Rows, int[] Chosen, int FeatureCount)> Calls { get; } = [];

        public override IReadOnlyList<PseudoLabel> Select(PseudoLabelCandidates candidates)
        {
            var labels = inner.Select(candidates);
            Calls.Add((candidates.Iteration, candidates.Rows.ToArray(), labels.Select(l => candidates.Rows[l.Candidate]).ToArray(), candidates.FeatureCount));
            return labels;
        }
    }
}
