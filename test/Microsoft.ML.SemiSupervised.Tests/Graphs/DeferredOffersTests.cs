using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.Tests.Graphs;

public sealed class DeferredOffersTests
{
    /// <summary>
    /// Rows go to parts by stripes of 64 (so a block's offers, which go to rows near the block's, spread over the parts);
    /// a full part refuses an offer (the caller then applies it under a lock) and the other parts still take theirs.
    /// </summary>
    [Fact]
    public void TryAdd_StripesOf64Rows_AFullPartRefusesAndTheOthersStillTake()
    {
        var offers = new DeferredOffers(parts: 4, partCapacity: 2);

        Assert.True(offers.TryAdd(0, 7, 1f));
        Assert.True(offers.TryAdd(63, 8, 2f));
        Assert.False(offers.TryAdd(256, 9, 3f)); // part 0 again (256 = 4 stripes of 64): full
        Assert.True(offers.TryAdd(64, 10, 4f)); // part 1

        Assert.Equal(3, offers.Count);
        Assert.Equal(new[] { new PendingOffer(0, 7, 1f), new PendingOffer(63, 8, 2f) }, offers.Part(0).ToArray());
        Assert.Equal(new[] { new PendingOffer(64, 10, 4f) }, offers.Part(1).ToArray());
        Assert.Equal(0, offers.Part(2).Length);
        offers.Clear();
        Assert.Equal(0, offers.Count);
        Assert.True(offers.TryAdd(256, 9, 3f));
        Assert.Equal(8, DeferredOffers.PartsFor(2));
    }
}
