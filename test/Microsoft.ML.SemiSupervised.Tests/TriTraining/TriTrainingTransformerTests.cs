using Microsoft.ML.SemiSupervised.Tests.Infrastructure;
using Microsoft.ML.SemiSupervised.TriTraining;

namespace Microsoft.ML.SemiSupervised.Tests.TriTraining;

/// <summary>The fitted tri-training model owns the report of its fit: an estimator holds no fit state.</summary>
public sealed class TriTrainingTransformerTests
{
    [Fact]
    public async Task Fit_OneEstimatorOnTwoDataSetsInParallel_EachModelHasTheReportOfItsOwnFit()
    {
        var ml = new MLContext(1);
        var (few, _, _) = IrisData.PartlyLabeled(ml, 3);
        var (many, _, _) = IrisData.PartlyLabeled(ml, 10);
        var estimator = ml.SemiSupervised.TriTraining(() => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(),
            new TriTrainingOptions { Seed = 1, MaximumNumberOfIterations = 4 });
        var expectedFew = ReportText.Describe(estimator.Fit(few).Report);
        var expectedMany = ReportText.Describe(estimator.Fit(many).Report);
        Assert.NotEqual(expectedFew, expectedMany);

        for (int attempt = 0; attempt < 3; attempt++)
        {
            var fits = await Task.WhenAll(new[] { few, many, few, many }.Select(data => Task.Run(() => estimator.Fit(data))));

            Assert.Equal(9, fits[0].Report.LabeledCount);
            Assert.Equal(30, fits[1].Report.LabeledCount);
            Assert.Equal([expectedFew, expectedMany, expectedFew, expectedMany], fits.Select(f => ReportText.Describe(f.Report)));
        }
    }
}
