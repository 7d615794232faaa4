using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.CoTraining;
using Microsoft.ML.SemiSupervised.Selection;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.CoTraining;

/// <summary>Every bad input gets a clear exception naming the column or option and the fix; the texts are pinned.</summary>
public sealed class CoTrainingErrorTests
{
    private readonly MLContext _ml = new(1);

    private IDataView Rows(params (float Label, float[] Features)[] rows) =>
        DataViews.Load(_ml, rows.Select(r => new FloatLabelRow { Label = r.Label, Features = r.Features }), rows[0].Features.Length);

    private CoTrainingEstimator Multiclass(CoTrainingOptions? options = null) => _ml.SemiSupervised.CoTraining(
        _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), options ?? new CoTrainingOptions());

    [Fact]
    public void Fit_NoLabeledRows_Throws()
    {
        var data = Rows((float.NaN, [1f, 2f]), (float.NaN, [2f, 1f]));
        var e = Assert.Throws<ArgumentException>(() => Multiclass().Fit(data));
        Assert.Equal("Label column 'Label' has no labeled rows: every value is missing (NaN, the missing key, or empty or whitespace-only text). Label at least one row of each class.", e.Message);
    }

    [Fact]
    public void Fit_OneLabeledClass_Throws()
    {
        var data = Rows((2f, [1f, 2f]), (2f, [2f, 1f]), (float.NaN, [3f, 3f]));
        var e = Assert.Throws<ArgumentException>(() => Multiclass().Fit(data));
        Assert.Equal("Label column 'Label' has labeled rows of one class only ('2'). Label at least one row of a second class: a classifier cannot learn from one class.", e.Message);
    }

    [Fact]
    public void Fit_OneSlotToSplit_Throws()
    {
        var data = Rows((0f, [1f]), (1f, [2f]), (float.NaN, [3f]));
        var e = Assert.Throws<ArgumentException>(() => Multiclass().Fit(data));
        Assert.Equal("Feature column 'Features' has 1 slot, which cannot be split into two views. Give each view its own column (SecondViewColumnName), or a feature column with more slots.", e.Message);
    }

    [Fact]
    public void Fit_FirstViewSlotsTakeEverySlot_ThrowsBecauseTheSecondViewHasNoSlot()
    {
        var data = Rows((0f, [1f, 2f]), (1f, [2f, 1f]), (float.NaN, [3f, 3f]));
        var e = Assert.Throws<ArgumentException>(() => Multiclass(new CoTrainingOptions { FirstViewSlots = [0, 1] }).Fit(data));
        Assert.Equal("FirstViewSlots takes all 2 slots of feature column 'Features', which leaves the second view no slot. Leave at least one.", e.Message);
    }

    [Fact]
    public void Fit_FirstViewSlotOutsideTheColumn_Throws()
    {
        var data = Rows((0f, [1f, 2f]), (1f, [2f, 1f]), (float.NaN, [3f, 3f]));
        var e = Assert.Throws<ArgumentException>(() => Multiclass(new CoTrainingOptions { FirstViewSlots = [2] }).Fit(data));
        Assert.Equal("FirstViewSlots holds slot 2, but feature column 'Features' has 2 slots (0 to 1).", e.Message);
    }

    [Fact]
    public void Fit_ViewThatIsNotAVectorOfNumbers_Throws()
    {
        var data = Rows((0f, [1f, 2f]), (1f, [2f, 1f]), (float.NaN, [3f, 3f]));
        var options = new CoTrainingOptions { SecondViewColumnName = "Label" };
        var estimator = _ml.SemiSupervised.CoTraining(_ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(),
            _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(featureColumnName: "Label"), options);
        var e = Assert.Throws<ArgumentException>(() => estimator.Fit(data));
        Assert.StartsWith("Schema mismatch for feature column 'Label': expected a known-size vector of Single, got Single.", e.Message);
    }

    [Fact]
    public void Fit_MissingSecondView_Throws()
    {
        var data = Rows((0f, [1f, 2f]), (1f, [2f, 1f]));
        var options = new CoTrainingOptions { SecondViewColumnName = "Links" };
        var estimator = _ml.SemiSupervised.CoTraining(_ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(),
            _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(featureColumnName: "Links"), options);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data));
        Assert.StartsWith("Could not find feature column 'Links'.", e.Message);
    }

    [Fact]
    public void Fit_CountPerClassOfAnotherLength_Throws()
    {
        var data = Rows((0f, [1f, 2f]), (1f, [2f, 1f]), (2f, [2f, 2f]), (float.NaN, [3f, 3f]));
        var e = Assert.Throws<ArgumentException>(() => Multiclass(new CoTrainingOptions { Selection = new CountPerClassSelection([1, 3]) }).Fit(data));
        Assert.Equal("CountPerClass has 2 counts, but label column 'Label' has 3 classes (0, 1, 2). Give one count per class.", e.Message);
    }

    [Fact]
    public void Fit_CountPerClassOfAnotherLengthInsideAnotherRule_ThrowsBeforeTheFirstRound()
    {
        var data = Rows((0f, [1f, 2f]), (1f, [2f, 1f]), (2f, [2f, 2f]), (float.NaN, [3f, 3f]));
        var rounds = new List<CoTrainingIteration>();
        var options = new CoTrainingOptions { Selection = new SetredSelection(new ClassBalancedSelection(new CountPerClassSelection([1, 3]))), IterationCompleted = rounds.Add };
        var e = Assert.Throws<ArgumentException>(() => Multiclass(options).Fit(data));
        Assert.Equal("CountPerClass has 2 counts, but label column 'Label' has 3 classes (0, 1, 2). Give one count per class.", e.Message);
        Assert.Empty(rounds);
    }

    [Fact]
    public void Create_InvalidOptions_ThrowsListingEveryError()
    {
        var options = new CoTrainingOptions { PoolSize = 0, Selection = null!, MaximumNumberOfIterations = -1, FirstViewSlots = [] };
        var e = Assert.Throws<ArgumentException>(() => Multiclass(options));
        Assert.Equal("Invalid co-training options: MaximumNumberOfIterations must be null (no limit) or non-negative; got -1. " +
            "FirstViewSlots must name at least one slot; got none. PoolSize must be positive; got 0. " +
            "Selection must be a pseudo-label selection, such as new CountPerClassSelection(); got null.", e.Message);
    }

    [Fact]
    public void Create_SameColumnForBothViews_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Multiclass(new CoTrainingOptions { SecondViewColumnName = "Features" }));
        Assert.Equal("Invalid co-training options: SecondViewColumnName must differ from FeatureColumnName; both are 'Features'. Set it to null to split one column into two views.", e.Message);
    }

    [Fact]
    public void Create_SlotsWithTwoViewColumns_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => _ml.SemiSupervised.CoTraining(_ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(),
            _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(featureColumnName: "Links"), new CoTrainingOptions { SecondViewColumnName = "Links", FirstViewSlots = [0] }));
        Assert.Equal("Invalid co-training options: FirstViewSlots splits one column into two views; it cannot be combined with SecondViewColumnName 'Links'.", e.Message);
    }

    [Fact]
    public void Create_TrainerReadingAnotherViewColumn_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => _ml.SemiSupervised.CoTraining(_ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(),
            _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), new CoTrainingOptions { SecondViewColumnName = "Links" }));
        Assert.Equal("The inner trainer reads feature column 'Features', but co-training was given feature column 'Links'. Give both the same name.", e.Message);
    }

    [Fact]
    public void Create_NaiveBayes_ThrowsBecauseItsScoresAreNotProbabilities()
    {
        var e = Assert.Throws<ArgumentException>(() => _ml.SemiSupervised.CoTraining(_ml.MulticlassClassification.Trainers.NaiveBayes(),
            _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), new CoTrainingOptions()));
        Assert.Equal("NaiveBayes scores are log-likelihoods, not probabilities, so co-training cannot combine the views' scores. Use LbfgsMaximumEntropy, SdcaMaximumEntropy, LightGbm or OneVersusAll.", e.Message);
    }

    [Fact]
    public void Fit_NaNFeature_ThrowsNamingRowAndSlot()
    {
        var data = Rows((0f, [1f, 2f]), (1f, [2f, float.NaN]), (float.NaN, [3f, 3f]));
        var e = Assert.Throws<ArgumentException>(() => Multiclass().Fit(data));
        Assert.StartsWith("Feature column 'Features' holds NaN in row 1 (slot 1).", e.Message);
    }
}
