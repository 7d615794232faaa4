namespace Microsoft.ML.SemiSupervised.Tests.Graphs;

/// <summary>
/// Feature rows and the same rows moved by a constant, with the move exact in Single precision: each scaled value
/// <c>a * x</c> is first rounded to the Single grid of the moved values (the spacing of Single numbers at the largest
/// <c>|a * x + c|</c>), so <c>a * x + c</c> needs no rounding and the moved rows are the same point set, translated.
/// A distance computed from the differences of two rows is then bit for bit the same on both sets; any difference
/// between what a search finds on them is the search's own rounding error.
/// </summary>
public static class ExactTranslation
{
    /// <summary>GPS-like coordinates, as in issue 8: x * 0.01 + 47.6, y * 0.01 - 122.3.</summary>
    public static readonly (double[] Scale, double[] Offset) Gps = ([0.01, 0.01], [47.6, -122.3]);

    /// <summary>The shifts of issue 8 by name: "gps", "+1000", "+10000".</summary>
    public static (double[] Scale, double[] Offset) Named(string name) => name switch
    {
        "gps" => Gps,
        "+1000" => ([1, 1], [1000, 1000]),
        "+10000" => ([1, 1], [10_000, 10_000]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown shift"),
    };

    /// <summary>
    /// The rows <c>a * x</c> (rounded to the grid of the moved values) and the same rows plus <paramref name="offset"/>,
    /// slot by slot; asserts that every moved value is exact.
    /// </summary>
    public static (float[][] Base, float[][] Moved) Translate(IReadOnlyList<float[]> rows, double[] scale, double[] offset)
    {
        int d = scale.Length;
        var grid = new double[d];
        for (int f = 0; f < d; f++)
        {
            double largest = rows.Max(r => Math.Abs(scale[f] * r[f] + offset[f]));
            grid[f] = Math.ScaleB(1, Math.ILogB(largest) - 23);
        }
        var moved = new float[rows.Count][];
        var original = new float[rows.Count][];
        for (int i = 0; i < rows.Count; i++)
        {
            original[i] = new float[d];
            moved[i] = new float[d];
            for (int f = 0; f < d; f++)
            {
                double c = Math.Round(offset[f] / grid[f]) * grid[f];
                double u = Math.Round(scale[f] * rows[i][f] / grid[f]) * grid[f];
                original[i][f] = (float)u;
                moved[i][f] = (float)(c + u);
                Assert.Equal(u, (double)original[i][f]);
                Assert.Equal(c + u, (double)moved[i][f]);
            }
        }
        return (original, moved);
    }
}
