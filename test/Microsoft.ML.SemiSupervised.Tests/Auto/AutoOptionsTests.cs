using Microsoft.ML.SemiSupervised.Auto;

namespace Microsoft.ML.SemiSupervised.Tests.Auto;

/// <summary>Every default of <see cref="AutoOptions"/> as documented, and the exact text of every option error.</summary>
public sealed class AutoOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new AutoOptions();

        Assert.Equal("Label", options.LabelColumnName);
        Assert.Equal("Features", options.FeatureColumnName);
        Assert.Null(options.MaximumNumberOfIterations);
        Assert.Null(options.Seed);
        Assert.True(options.CheckDistributionShift);
        Assert.Equal(CancellationToken.None, options.CancellationToken);
        Assert.Equal(5, options.NumberOfFolds);
        Assert.Equal(2, options.NumberOfRepeats);
        Assert.Equal(4, options.MaximumNumberOfRepeats);
        Assert.Equal(AutoDecisionRule.CorrectedBound, options.DecisionRule);
        Assert.Null(options.MaximumNumberOfFits);
        Assert.Null(options.TimeBudget);
        Assert.Null(options.Candidates);
        Assert.False(options.UseShiftedUnlabeledRows);
        Assert.Null(options.IterationCompleted);
    }

    [Fact]
    public void DefaultCandidates_AreGuardedSelfTrainingLabelSpreadingCoAndTriTraining()
    {
        var ml = new MLContext(1);

        var estimator = ml.SemiSupervised.Auto(() => ml.BinaryClassification.Trainers.LbfgsLogisticRegression());

        Assert.Equal(["SelfTraining", "LabelSpreadingThenTrainer", "CoTraining", "TriTraining"], estimator.CandidateNames);
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var ml = new MLContext(1);
        var candidate = new AutoCandidate("Mine", ml.BinaryClassification.Trainers.LbfgsLogisticRegression());
        var options = new AutoOptions
        {
            NumberOfFolds = 1, NumberOfRepeats = 0, MaximumNumberOfFits = 0, TimeBudget = TimeSpan.Zero, MaximumNumberOfIterations = 0,
            Candidates = [candidate, candidate, new AutoCandidate("Supervised", ml.BinaryClassification.Trainers.LbfgsLogisticRegression())],
        };

        var error = Assert.Throws<ArgumentException>(() => ml.SemiSupervised.Auto(() => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(), options));

        Assert.Equal("Invalid auto options: MaximumNumberOfIterations must be null (no limit) or at least 1; got 0. NumberOfFolds must be at least 2; got 1. " +
            "NumberOfRepeats must be positive; got 0. MaximumNumberOfFits must be null (no limit) or positive; got 0. TimeBudget must be null (no limit) or positive; got 00:00:00. " +
            "Candidates must have distinct names; got 'Mine' more than once. Candidates must not be named 'Supervised', the name of the supervised trainer.", error.Message);
    }

    [Fact]
    public void Constructor_FewerMaximumRepeatsOrAnUnknownRule_IsRefused()
    {
        var ml = new MLContext(1);
        var options = new AutoOptions { NumberOfRepeats = 3, MaximumNumberOfRepeats = 2, DecisionRule = (AutoDecisionRule)7 };

        var error = Assert.Throws<ArgumentException>(() => ml.SemiSupervised.Auto(() => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(), options));

        Assert.Equal("Invalid auto options: MaximumNumberOfRepeats must be at least NumberOfRepeats (3); got 2. " +
            "DecisionRule must be one of CorrectedBound, CorrectedBoundFamilyWise; got 7.", error.Message);
    }

    [Fact]
    public void Candidate_WithoutName_IsRefused()
    {
        var ml = new MLContext(1);

        var error = Assert.Throws<ArgumentException>(() => new AutoCandidate(" ", ml.BinaryClassification.Trainers.LbfgsLogisticRegression()));

        Assert.StartsWith("A candidate needs a name; got ' '.", error.Message);
    }

    [Fact]
    public void Constructor_TrainerReadsOtherColumns_IsRefused()
    {
        var ml = new MLContext(1);

        var error = Assert.Throws<ArgumentException>(() => ml.SemiSupervised.Auto(() => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(featureColumnName: "Other")));

        Assert.Equal("The inner trainer reads feature column 'Other', but auto was given feature column 'Features'. Give both the same name.", error.Message);
    }
}
