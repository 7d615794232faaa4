using Microsoft.ML.SemiSupervised.CoTraining;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.SelfTraining;
using Microsoft.ML.SemiSupervised.TriTraining;

namespace Microsoft.ML.SemiSupervised.Tests.Options;

public sealed class SemiSupervisedOptionsBaseTests
{
    public static TheoryData<string, int?> EveryTechnique => new()
    {
        { nameof(SelfTrainingOptions), 10 },
        { nameof(CoTrainingOptions), 30 },
        { nameof(TriTrainingOptions), 20 },
        { nameof(LabelPropagationOptions), 1000 },
        { nameof(LabelSpreadingOptions), 30 },
    };

    [Theory]
    [MemberData(nameof(EveryTechnique))]
    public void Defaults_EveryTechnique_AreTheDocumentedOnes(string technique, int? maximumNumberOfIterations)
    {
        var options = Create(technique);

        Assert.Equal("Label", options.LabelColumnName);
        Assert.Equal("Features", options.FeatureColumnName);
        Assert.Equal(maximumNumberOfIterations, options.MaximumNumberOfIterations);
        Assert.Null(options.Seed);
        Assert.False(options.CheckDistributionShift);
        Assert.Equal(CancellationToken.None, options.CancellationToken);
    }

    [Theory]
    [InlineData(nameof(SelfTrainingOptions), "Invalid self-training options: ")]
    [InlineData(nameof(CoTrainingOptions), "Invalid co-training options: ")]
    [InlineData(nameof(TriTrainingOptions), "Invalid tri-training options: ")]
    public void Validate_BadSharedOptionsInALoopTechnique_ListsThemWithTheTechniquesPrefix(string technique, string prefix)
    {
        var options = Create(technique);
        options.LabelColumnName = "";
        options.FeatureColumnName = " ";
        options.MaximumNumberOfIterations = -1;

        var e = Assert.Throws<ArgumentException>(() => CreateEstimator(options));

        Assert.Equal(prefix +
            "LabelColumnName must name a column; got ''. FeatureColumnName must name a column; got ' '. " +
            "MaximumNumberOfIterations must be null (no limit) or non-negative; got -1.", e.Message);
    }

    [Theory]
    [InlineData(nameof(LabelPropagationOptions), "Invalid label propagation options: ")]
    [InlineData(nameof(LabelSpreadingOptions), "Invalid label spreading options: ")]
    public void Validate_BadSharedOptionsInAGraphTechnique_ListsThemWithTheTechniquesPrefix(string technique, string prefix)
    {
        var options = Create(technique);
        options.LabelColumnName = "";
        options.FeatureColumnName = " ";
        options.MaximumNumberOfIterations = 0;

        var e = Assert.Throws<ArgumentException>(() => CreateEstimator(options));

        Assert.Equal(prefix +
            "LabelColumnName must name a column; got ''. FeatureColumnName must name a column; got ' '. " +
            "MaximumNumberOfIterations must be null (no limit) or at least 1; got 0.", e.Message);
    }

    internal static SemiSupervisedOptionsBase Create(string technique) => technique switch
    {
        nameof(SelfTrainingOptions) => new SelfTrainingOptions(),
        nameof(CoTrainingOptions) => new CoTrainingOptions(),
        nameof(TriTrainingOptions) => new TriTrainingOptions(),
        nameof(LabelPropagationOptions) => new LabelPropagationOptions(),
        nameof(LabelSpreadingOptions) => new LabelSpreadingOptions(),
        _ => throw new ArgumentOutOfRangeException(nameof(technique)),
    };

    private static IEstimator<ITransformer> CreateEstimator(SemiSupervisedOptionsBase options)
    {
        var mlContext = new MLContext(seed: 1);
        var trainer = mlContext.BinaryClassification.Trainers.SdcaLogisticRegression();
        var ml = mlContext.SemiSupervised;
        return options switch
        {
            SelfTrainingOptions self => ml.SelfTraining(trainer, self),
            CoTrainingOptions co => ml.CoTraining(trainer, trainer, co),
            TriTrainingOptions tri => ml.TriTraining(trainer, tri),
            LabelSpreadingOptions spreading => ml.LabelSpreading(spreading),
            LabelPropagationOptions propagation => ml.LabelPropagation(propagation),
            _ => throw new ArgumentOutOfRangeException(nameof(options)),
        };
    }
}
