using Microsoft.ML.SemiSupervised.Selection;
using Microsoft.ML.SemiSupervised.SelfTraining;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.Selection;

/// <summary>Per class its most confident candidates: exactly which, with given counts and with the labeled ratio.</summary>
public sealed class CountPerClassSelectionTests
{
    private static int[] Chosen(IReadOnlyList<PseudoLabel> labels) => labels.Select(l => l.Candidate).ToArray();

    [Fact]
    public void Select_GivenCounts_TakesThatManyOfEachPredictedClass_MostConfidentFirst_TiesByCandidateOrder()
    {
        var candidates = CandidateBuilder.Of([5, 5, 5], (0, 0.9f), (1, 0.8f), (0, 0.95f), (0, 0.9f), (1, 0.6f), (2, 0.7f));

        var labels = new CountPerClassSelection([2, 1, 3]).Select(candidates);

        Assert.Equal([2, 0, 1, 5], Chosen(labels));
        Assert.Equal([0, 0, 1, 2], labels.Select(l => l.Class));
    }

    [Fact]
    public void Select_NoCounts_FollowsTheLabeledClassRatio_RarestClassAtOne()
    {
        var candidates = CandidateBuilder.Of([2, 6, 0], (1, 0.9f), (1, 0.8f), (1, 0.7f), (1, 0.6f), (0, 0.5f), (0, 0.9f), (2, 1f));

        Assert.Equal([0, 5, 1, 2], Chosen(new CountPerClassSelection().Select(candidates)));
    }

    [Fact]
    public void Create_CountThatIsNotPositive_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new CountPerClassSelection([1, 0]));
        Assert.StartsWith("CountPerClass must hold a positive count per class; got [1, 0].", e.Message);
        Assert.StartsWith("CountPerClass must hold a positive count per class; got [].", Assert.Throws<ArgumentException>(() => new CountPerClassSelection([])).Message);
    }

    [Fact]
    public void Select_CountsOfAnotherLength_Throws()
    {
        var candidates = CandidateBuilder.Of([1, 1], (0, 0.9f));
        var e = Assert.Throws<InvalidOperationException>(() => new CountPerClassSelection([1, 1, 1]).Select(candidates));
        Assert.Equal("CountPerClass has 3 counts, but there are 2 classes. Give one count per class.", e.Message);
    }

    [Fact]
    public void CountPerClass_IsACopy_AndToStringNamesIt()
    {
        var counts = new[] { 1, 3 };
        var rule = new CountPerClassSelection(counts);
        counts[0] = 9;
        Assert.Equal([1, 3], rule.CountPerClass!);
        Assert.Equal("CountPerClass(1, 3)", rule.ToString());
        Assert.Equal("CountPerClass(labeled ratio)", new CountPerClassSelection().ToString());
    }

    /// <summary>The co-training rule serves self-training as it is: each iteration adds its counts per class.</summary>
    [Fact]
    public void SelfTraining_CountPerClass_AddsThatManyRowsOfEachClassPerIteration()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var options = new SelfTrainingOptions { Selection = new CountPerClassSelection([1, 2, 3]), MaximumNumberOfIterations = 4 };
        var report = ml.SemiSupervised.SelfTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), options).FitWithReport(data).Report;

        Assert.Equal(4, report.Iterations.Count);
        Assert.All(report.Iterations, i => Assert.Equal([1, 2, 3], i.AddedPerClass));
    }

    [Fact]
    public void SelfTraining_CountPerClassOfAnotherLength_ThrowsNamingTheLabelColumn()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var options = new SelfTrainingOptions { Selection = new ClassBalancedSelection(new CountPerClassSelection([1, 2])) };
        var e = Assert.Throws<ArgumentException>(() => ml.SemiSupervised.SelfTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), options).Fit(data));
        Assert.Equal("CountPerClass has 2 counts, but label column 'Label' has 3 classes (0, 1, 2). Give one count per class.", e.Message);
    }
}
