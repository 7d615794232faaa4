using Microsoft.ML.SemiSupervised.Selection;

namespace Microsoft.ML.SemiSupervised.Tests.Selection;

/// <summary>A pseudo-label is a value: equal when its candidate and class are.</summary>
public sealed class PseudoLabelTests
{
    [Fact]
    public void Equality_ComparesCandidateAndClass()
    {
        Assert.True(new PseudoLabel(3, 1) == new PseudoLabel(3, 1));
        Assert.True(new PseudoLabel(3, 1) != new PseudoLabel(3, 2));
        Assert.NotEqual(new PseudoLabel(3, 1), new PseudoLabel(4, 1));
        Assert.Equal(new PseudoLabel(3, 1).GetHashCode(), new PseudoLabel(3, 1).GetHashCode());
        Assert.Equal("PseudoLabel { Candidate = 3, Class = 1 }", new PseudoLabel(3, 1).ToString());
    }
}
