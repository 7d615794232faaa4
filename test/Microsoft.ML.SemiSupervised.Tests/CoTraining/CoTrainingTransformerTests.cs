using Microsoft.ML.SemiSupervised.CoTraining;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.CoTraining;

/// <summary>The fitted co-training model owns the report of its fit: an estimator holds no fit state.</summary>
public sealed class CoTrainingTransformerTests
{
    [Fact]
    public async Task Fit_OneEstimatorOnTwoDataSetsInParallel_EachModelHasTheReportOfItsOwnFit()
    {
        var ml = new MLContext(1);
        var (few, _, _) = IrisData.PartlyLabeled(ml, 3);
        var (many, _, _) = IrisData.PartlyLabeled(ml, 10);
        var trainers = ml.MulticlassClassification.Trainers;
        var estimator = ml.SemiSupervised.CoTraining(() => trainers.LbfgsMaximumEntropy(), () => trainers.LbfgsMaximumEntropy(),
            new CoTrainingOptions { Seed = 1, MaximumNumberOfIterations = 4 });
        var expectedFew = ReportText.Describe(estimator.Fit(few).Report);
        var expectedMany = ReportText.Describe(estimator.Fit(many).Report);
        Assert.NotEqual(expectedFew, expectedMany);

        for (int attempt = 0; attempt < 3; attempt++)
        {
            var fits = await Task.WhenAll(new[] { few, many, few, many }.Select(data => Task.Run(() => estimator.Fit(data))));

            Assert.Equal(9, fits[0].Report.OriginallyLabeledCount);
            Assert.Equal(30, fits[1].Report.OriginallyLabeledCount);
            Assert.Equal([expectedFew, expectedMany, expectedFew, expectedMany], fits.Select(f => ReportText.Describe(f.Report)));
        }
    }
}
