using Microsoft.ML.SemiSupervised.LabelPropagation;

namespace Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

/// <summary>Label spreading logs the graph build through mlContext.Log: a message when each step starts and one with its time when it ends.</summary>
public sealed class LabelPropagationProgressTests
{
    [Theory]
    [InlineData(LabelPropagationKernel.NearestNeighbors, "Searching the 6 exact nearest neighbours of ", "Found 6 exact nearest neighbours of ")]
    [InlineData(LabelPropagationKernel.Rbf, "Weighing every pair of ", "Weighed every pair of ")]
    public void Fit_GraphBuild_LogsItsStartThenItsEndWithTheTime(LabelPropagationKernel kernel, string start, string end)
    {
        var mlContext = new MLContext(seed: 1);
        var data = GraphTestData.Moons().ToDataView(mlContext);
        var messages = new List<string>();
        mlContext.Log += (_, e) => messages.Add(e.RawMessage);

        mlContext.SemiSupervised.LabelSpreading(new LabelSpreadingOptions { Kernel = kernel }).Fit(data);

        int started = messages.FindIndex(m => m.StartsWith(start, StringComparison.Ordinal));
        int ended = messages.FindIndex(m => m.StartsWith(end, StringComparison.Ordinal));
        Assert.True(started >= 0, "no start message: " + string.Join(" | ", messages.Where(m => m.Contains("rows", StringComparison.Ordinal))));
        Assert.True(ended > started, "no end message after the start");
        Assert.Matches(@" in \d+[.,]\d\d s\.$", messages[ended]);
    }
}
