using Microsoft.ML.SemiSupervised.Neural;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.FixMatch;

/// <summary>FlexMatch's per-class thresholds (<see cref="ConfidenceThresholdKind.ClassAdaptive"/>) on hand-made predictions.</summary>
public sealed class ClassAdaptiveThresholdsTests
{
    private const int Precision = 6;

    [Fact]
    public void Current_NoRowConfidentYet_EveryThresholdIsZero()
    {
        var thresholds = new ClassAdaptiveThresholds(0.9, rowCount: 12, unlabeledCount: 10, classCount: 3);
        thresholds.Record([2, 3], [0, 1], [0.5f, 0.89f]);

        Assert.Equal(new[] { 0.0, 0.0, 0.0 }, thresholds.Current());
    }

    [Fact]
    public void Current_AfterConfidentRows_ScalesEachClassByItsShareOfTheLargestCount()
    {
        var thresholds = new ClassAdaptiveThresholds(0.9, rowCount: 10, unlabeledCount: 10, classCount: 3);
        // Rows 0-2 confident as class 0 (0.9 itself counts), 3 as class 1, 4 below 0.9 (not remembered), 5 as class 2.
        thresholds.Record([0, 1, 2, 3, 4, 5], [0, 0, 0, 1, 2, 2], [0.95f, 0.99f, 0.9f, 0.97f, 0.5f, 0.92f]);

        // Counts 3, 1, 1; 5 rows never confident, the largest count: status 0.6, 0.2, 0.2; threshold 0.9 x s / (2 - s).
        var current = thresholds.Current();
        Assert.Equal(0.9 * 0.6 / 1.4, current[0], Precision);
        Assert.Equal(0.9 * 0.2 / 1.8, current[1], Precision);
        Assert.Equal(0.9 * 0.2 / 1.8, current[2], Precision);
    }

    [Fact]
    public void Current_RowPredictedAgain_CountsOnlyItsLatestConfidentClass()
    {
        var thresholds = new ClassAdaptiveThresholds(0.9, rowCount: 10, unlabeledCount: 10, classCount: 3);
        thresholds.Record([0, 1, 2, 3, 4, 5], [0, 0, 0, 1, 2, 2], [0.95f, 0.99f, 0.9f, 0.97f, 0.5f, 0.92f]);
        // Row 0 moves to class 1; rows 6-9 become class 0; row 1 is seen again below 0.9 and keeps class 0.
        thresholds.Record([0, 6, 7, 8, 9, 1], [1, 0, 0, 0, 0, 2], [0.96f, 0.99f, 0.99f, 0.99f, 0.99f, 0.4f]);

        // Counts 6, 2, 1; one row never confident; the largest count 6: status 1, 1/3, 1/6.
        var current = thresholds.Current();
        Assert.Equal(0.9, current[0], Precision);
        Assert.Equal(0.9 * (1 / 3.0) / (5 / 3.0), current[1], Precision);
        Assert.Equal(0.9 * (1 / 6.0) / (11 / 6.0), current[2], Precision);
    }

    [Fact]
    public void Current_WithoutWarmUp_NoRowConfidentYet_EveryThresholdIsTheBase()
    {
        var thresholds = new ClassAdaptiveThresholds(0.9, rowCount: 12, unlabeledCount: 10, classCount: 3, warmUp: false);
        thresholds.Record([2, 3], [0, 1], [0.5f, 0.89f]);

        Assert.Equal(new[] { 0.9, 0.9, 0.9 }, thresholds.Current());
    }

    [Fact]
    public void Current_WithoutWarmUp_ScalesEachClassByItsShareOfTheBestLearnedClass()
    {
        var thresholds = new ClassAdaptiveThresholds(0.9, rowCount: 10, unlabeledCount: 10, classCount: 3, warmUp: false);
        thresholds.Record([0, 1, 2, 3, 4, 5], [0, 0, 0, 1, 2, 2], [0.95f, 0.99f, 0.9f, 0.97f, 0.5f, 0.92f]);

        // Counts 3, 1, 1 (the 5 rows never confident do not count): status 1, 1/3, 1/3.
        var current = thresholds.Current();
        Assert.Equal(0.9, current[0], Precision);
        Assert.Equal(0.9 * (1 / 3.0) / (5 / 3.0), current[1], Precision);
        Assert.Equal(0.9 * (1 / 3.0) / (5 / 3.0), current[2], Precision);
    }
}
