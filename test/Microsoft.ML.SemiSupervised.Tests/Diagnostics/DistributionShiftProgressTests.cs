using Microsoft.ML.SemiSupervised.Diagnostics;
using Microsoft.ML.SemiSupervised.SelfTraining;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.Diagnostics;

/// <summary>The shift check logs each fold through mlContext.Log, as the graph build logs its steps, and stops between folds when cancelled.</summary>
public sealed class DistributionShiftProgressTests
{
    private static List<string> Listen(MLContext ml, Action<string>? onMessage = null)
    {
        var messages = new List<string>();
        ml.Log += (_, e) =>
        {
            lock (messages)
                messages.Add(e.RawMessage);
            onMessage?.Invoke(e.RawMessage);
        };
        return messages;
    }

    [Fact]
    public void CheckDistributionShift_LogsItsStart_EachFoldWithItsAucAndTime_ThenTheFinalFit()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 10);
        var messages = Listen(ml);

        var report = ml.SemiSupervised.CheckDistributionShift(data, new DistributionShiftOptions { NumberOfFolds = 3, Seed = 1 });

        var shift = messages.Where(m => m.StartsWith("Distribution shift check", StringComparison.Ordinal)).ToArray();
        Assert.Equal(5, shift.Length);
        Assert.Equal("Distribution shift check: 30 labeled and 120 unlabeled rows, 3 folds.", shift[0]);
        for (int f = 0; f < 3; f++)
            Assert.Matches($@"^Distribution shift check: fold {f + 1} of 3, AUC {report.AucPerFold[f].ToString("F4", System.Globalization.CultureInfo.InvariantCulture)}, in \d+\.\d\d s\.$", shift[f + 1]);
        Assert.Matches(@"^Distribution shift check: fitted on every row to name the separating features in \d+\.\d\d s\.$", shift[4]);
    }

    [Fact]
    public void CheckDistributionShift_CancelledDuringAFold_StopsBeforeTheNext()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 10);
        using var cancellation = new CancellationTokenSource();
        var messages = Listen(ml, m =>
        {
            if (m.StartsWith("Distribution shift check: fold 1 of", StringComparison.Ordinal))
                cancellation.Cancel();
        });

        Assert.ThrowsAny<OperationCanceledException>(() => ml.SemiSupervised.CheckDistributionShift(data, new DistributionShiftOptions { NumberOfFolds = 3, CancellationToken = cancellation.Token }));
        Assert.Contains(messages, m => m.StartsWith("Distribution shift check: fold 1 of 3", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.StartsWith("Distribution shift check: fold 2 of 3", StringComparison.Ordinal));
    }

    [Fact]
    public void SelfTraining_WithTheCheck_LogsItsFoldsThroughTheSameContext()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 10);
        var messages = Listen(ml);

        ml.SemiSupervised.SelfTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(),
            new SelfTrainingOptions { CheckDistributionShift = true, MaximumNumberOfIterations = 0 }).Fit(data);

        Assert.Equal(5, messages.Count(m => m.StartsWith("Distribution shift check: fold ", StringComparison.Ordinal)));
    }
}
