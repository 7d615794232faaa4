using Microsoft.ML.SemiSupervised.Evaluation;

namespace Microsoft.ML.SemiSupervised.Tests.Evaluation;

/// <summary>Student's t quantiles, against the printed table the 95 % intervals use and against known values.</summary>
public sealed class StudentTTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(10)]
    public void Quantile975_MatchesTheTable(int degreesOfFreedom)
    {
        Assert.Equal(BaselineComparison.StudentT975(degreesOfFreedom), StudentT.Quantile(0.975, degreesOfFreedom), 3);
    }

    [Fact]
    public void Quantile_KnownValuesAndSymmetry()
    {
        Assert.Equal(1.833, StudentT.Quantile(0.95, 9), 3);      // one-sided 95 %, 9 degrees of freedom
        Assert.Equal(3.250, StudentT.Quantile(0.995, 9), 3);
        Assert.Equal(1.0, StudentT.Quantile(0.75, 1), 6);        // Cauchy: tan(pi / 4)
        Assert.Equal(-StudentT.Quantile(0.9, 7), StudentT.Quantile(0.1, 7), 9);
        Assert.Equal(1.960, StudentT.Quantile(0.975, 100000), 3);
    }
}
