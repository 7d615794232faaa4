namespace Microsoft.ML.SemiSupervised.Tests.Infrastructure;

/// <summary>
/// Two generated data sets that bracket semi-supervised learning: one where unlabeled rows must help, one where they
/// cannot. Both are seeded (<c>new Random(seed)</c>) and two-dimensional, two classes.
/// </summary>
public static class GeneratedDataSets
{
    /// <summary>
    /// "clusters": a checkerboard of 4 x 3 tight Gaussian blobs (standard deviation 0.4, centres 3 apart), the blobs'
    /// classes alternating. The classes are far from linear, so a tree learner needs many labels to find every blob;
    /// the blobs are far apart, so labels spread along a neighbour graph reach every blob from a few labeled rows.
    /// Each row picks a blob uniformly.
    /// </summary>
    public static CsvDataSet Clusters(int rows, int seed)
    {
        var random = new Random(seed);
        var features = new float[rows][];
        var labels = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            int blob = random.Next(12), i = blob / 3, j = blob % 3;
            features[r] = [(float)(3.0 * i + 0.4 * Gaussian(random)), (float)(3.0 * j + 0.4 * Gaussian(random))];
            labels[r] = (i + j) % 2;
        }
        return CsvDataSet.FromRows("clusters", features, labels);
    }

    /// <summary>
    /// "overlapping": two unit Gaussians whose centres are 1 apart (on the first axis), half the rows each: the best
    /// boundary is linear and errs on 31 % of the rows, and unlabeled rows carry no cluster that marks it.
    /// </summary>
    public static CsvDataSet Overlapping(int rows, int seed)
    {
        var random = new Random(seed);
        var features = new float[rows][];
        var labels = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            labels[r] = r % 2;
            features[r] = [(float)(labels[r] - 0.5 + Gaussian(random)), (float)Gaussian(random)];
        }
        return CsvDataSet.FromRows("overlapping", features, labels);
    }

    /// <summary>A standard normal draw (Box-Muller).</summary>
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
