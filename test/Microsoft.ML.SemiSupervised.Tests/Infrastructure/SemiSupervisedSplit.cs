namespace Microsoft.ML.SemiSupervised.Tests.Infrastructure;

/// <summary>
/// A seeded split of a data set into a test part and a training part in which only a fraction of the rows
/// keep their label: the setting semi-supervised learning is for.
/// </summary>
/// <remarks>
/// The generator: rows are shuffled with <c>new Random(seed)</c>; the first <c>testFraction</c> of them
/// form the test part; of the rest, each class keeps <c>max(1, round(labeledFraction * n_class))</c>
/// labels (stratified, so that every class is seen) and every other label is removed.
/// </remarks>
public sealed class SemiSupervisedSplit
{
    private SemiSupervisedSplit(int[] trainRows, int[] testRows, bool[] trainLabeled)
    {
        TrainRows = trainRows;
        TestRows = testRows;
        TrainLabeled = trainLabeled;
    }

    /// <summary>The rows of the training part.</summary>
    public int[] TrainRows { get; }

    /// <summary>The rows of the test part.</summary>
    public int[] TestRows { get; }

    /// <summary>For each training row (in <see cref="TrainRows"/> order), whether it keeps its label.</summary>
    public bool[] TrainLabeled { get; }

    /// <summary>How many training rows keep their label.</summary>
    public int LabeledCount => TrainLabeled.Count(l => l);

    /// <summary>Splits <paramref name="data"/>.</summary>
    public static SemiSupervisedSplit Create(CsvDataSet data, double labeledFraction, int seed, double testFraction = 0.3)
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, data.Labels.Length).ToArray();
        random.Shuffle(rows);
        int testCount = (int)Math.Round(testFraction * rows.Length);
        var test = rows.Take(testCount).ToArray();
        var train = rows.Skip(testCount).ToArray();
        var labeled = new bool[train.Length];
        for (int c = 0; c < data.ClassCount; c++)
        {
            var ofClass = Enumerable.Range(0, train.Length).Where(i => data.Labels[train[i]] == c).ToArray();
            int keep = Math.Max(1, (int)Math.Round(labeledFraction * ofClass.Length));
            foreach (var i in ofClass.Take(keep))
                labeled[i] = true;
        }
        return new SemiSupervisedSplit(train, test, labeled);
    }
}
