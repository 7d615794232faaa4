using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.Tests.Graphs;

public sealed class SearchScratchTests
{
    [Fact]
    public void Key_NonNegativeDistancesAndRows_OrderAsDistanceThenRow()
    {
        var pairs = new (float Distance, int Row)[]
        {
            (0f, 5), (0f, 0), (1e-30f, 1), (0.5f, 9), (0.5f, 2), (1f, int.MaxValue), (1f, 3), (3.4e38f, 0), (float.PositiveInfinity, 7),
        };

        var byKey = pairs.OrderBy(p => SearchScratch.Key(p.Distance, p.Row)).ToArray();

        Assert.Equal(pairs.OrderBy(p => p.Distance).ThenBy(p => p.Row), byKey);
        foreach (var (distance, row) in pairs)
        {
            Assert.Equal(row, SearchScratch.RowOf(SearchScratch.Key(distance, row)));
            Assert.Equal(distance, SearchScratch.DistanceOf(SearchScratch.Key(distance, row)));
            Assert.True(SearchScratch.Key(distance, row) < ulong.MaxValue);
        }
        Assert.Equal(float.PositiveInfinity, SearchScratch.DistanceOf(ulong.MaxValue));
    }

    /// <summary>The visited set is one bit a row, cleared by the rows set: each query starts empty, over any row count.</summary>
    [Fact]
    public void Visited_QueriesOverLargerAndSmallerRowCounts_EachStartsEmpty()
    {
        var scratch = new SearchScratch();
        scratch.Start(48, 1_000);
        Assert.True(scratch.Visited.Add(0));
        Assert.True(scratch.Visited.Add(999));
        Assert.False(scratch.Visited.Add(999));
        Assert.Equal(2, scratch.Visited.Count);

        scratch.Start(48, 200_000);
        Assert.Equal(0, scratch.Visited.Count);
        Assert.True(scratch.Visited.Add(999));
        var rows = Enumerable.Range(0, 5_000).Select(i => i * 37 % 200_000).ToArray(); // beyond the first list's length
        Assert.Equal(rows.Length - (rows.Contains(999) ? 1 : 0), rows.Count(scratch.Visited.Add));
        Assert.DoesNotContain(true, rows.Select(scratch.Visited.Add));

        scratch.Start(48, 10);
        Assert.Equal(0, scratch.Visited.Count);
        Assert.True(Enumerable.Range(0, 10).All(scratch.Visited.Add));
        scratch.Start(48, 200_000);
        Assert.True(rows.All(scratch.Visited.Add));
        Assert.True(scratch.Visited.Add(999) || rows.Contains(999));
    }
}
