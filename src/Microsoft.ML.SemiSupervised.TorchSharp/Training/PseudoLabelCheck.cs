namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// The pseudo-labels of unlabeled rows whose true class is known (tests, benchmarks) checked against it: in all, and per
/// class, so that a report shows which classes take part in the unlabeled loss and how right their pseudo-labels are.
/// </summary>
internal sealed class PseudoLabelCheck
{
    private PseudoLabelCheck(int classCount)
    {
        RowsOfClass = new long[classCount];
        UsedOfClass = new long[classCount];
        UsedAsClass = new long[classCount];
        RightAsClass = new long[classCount];
    }

    /// <summary>The used rows whose pseudo-label is their true class.</summary>
    public int Right { get; private set; }

    /// <summary>The used rows with a known true class.</summary>
    public int Checked { get; private set; }

    /// <summary>Per true class: the rows with a known truth.</summary>
    public long[] RowsOfClass { get; private set; }

    /// <summary>Per true class: the rows whose pseudo-label was used.</summary>
    public long[] UsedOfClass { get; private set; }

    /// <summary>Per pseudo-label class: the used rows given it.</summary>
    public long[] UsedAsClass { get; private set; }

    /// <summary>Per pseudo-label class: the used rows given it rightly.</summary>
    public long[] RightAsClass { get; private set; }

    /// <summary>Checks <paramref name="pseudoLabels"/> where <paramref name="used"/> (null: all) against <paramref name="truth"/> (-1: unknown).</summary>
    public static PseudoLabelCheck Of(int[] truth, long[] pseudoLabels, bool[]? used)
    {
        int classCount = (int)Math.Max(truth.DefaultIfEmpty(-1).Max(), pseudoLabels.DefaultIfEmpty(-1).Max()) + 1;
        var check = new PseudoLabelCheck(classCount);
        for (int i = 0; i < pseudoLabels.Length; i++)
        {
            if (truth[i] < 0)
                continue;
            check.RowsOfClass[truth[i]]++;
            if (used is not null && !used[i])
                continue;
            check.Checked++;
            check.UsedOfClass[truth[i]]++;
            check.UsedAsClass[pseudoLabels[i]]++;
            if (pseudoLabels[i] == truth[i])
            {
                check.Right++;
                check.RightAsClass[pseudoLabels[i]]++;
            }
        }
        return check;
    }

    /// <summary>Adds <paramref name="other"/>'s per-class counts to this one's (an epoch's sums).</summary>
    public void Add(PseudoLabelCheck other)
    {
        int classCount = Math.Max(RowsOfClass.Length, other.RowsOfClass.Length);
        RowsOfClass = Sum(RowsOfClass, other.RowsOfClass, classCount);
        UsedOfClass = Sum(UsedOfClass, other.UsedOfClass, classCount);
        UsedAsClass = Sum(UsedAsClass, other.UsedAsClass, classCount);
        RightAsClass = Sum(RightAsClass, other.RightAsClass, classCount);
        Right += other.Right;
        Checked += other.Checked;
    }

    /// <summary>An empty sum to <see cref="Add"/> to.</summary>
    public static PseudoLabelCheck Empty() => new(0);

    /// <summary>Per true class, the share of its rows whose pseudo-label was used (NaN for a class without rows).</summary>
    public double[] ClassMaskRates() => RowsOfClass.Select((rows, c) => rows == 0 ? double.NaN : UsedOfClass[c] / (double)rows).ToArray();

    /// <summary>Per pseudo-label class, the share of the used rows given it that are of it (NaN for a class never given).</summary>
    public double[] ClassPseudoLabelAccuracies() => UsedAsClass.Select((used, c) => used == 0 ? double.NaN : RightAsClass[c] / (double)used).ToArray();

    private static long[] Sum(long[] a, long[] b, int length)
    {
        var sum = new long[length];
        for (int c = 0; c < length; c++)
            sum[c] = (c < a.Length ? a[c] : 0) + (c < b.Length ? b[c] : 0);
        return sum;
    }
}
