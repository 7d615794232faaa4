namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// FlexMatch's per-class thresholds (<see cref="ConfidenceThresholdKind.ClassAdaptive"/>): remembers, for each unlabeled
/// row, the class of its latest prediction whose confidence reached the base threshold, and scales the base threshold of
/// each class by that class's learning status, <c>sigma_c / max(max_k sigma_k, rows never confident)</c>, mapped by
/// <c>x / (2 - x)</c> (the paper's convex mapping, with its threshold warm-up).
/// </summary>
internal sealed class ClassAdaptiveThresholds
{
    private readonly double _threshold;
    private readonly int[] _selected;
    private readonly long[] _counts;
    private long _neverConfident;
    private readonly bool _warmUp;

    /// <param name="threshold">The base threshold (FixMatch's <see cref="FixMatchOptions.ConfidenceThreshold"/>).</param>
    /// <param name="rowCount">The training rows (row indexes are below it).</param>
    /// <param name="unlabeledCount">The unlabeled rows among them.</param>
    /// <param name="classCount">The classes.</param>
    /// <param name="warmUp">
    /// True for FlexMatch's warm-up (the rows never confident count as a class in the largest count); false: each class's
    /// status is relative to the best-learned class from the first step (every threshold is the base one until a row is confident).
    /// </param>
    public ClassAdaptiveThresholds(double threshold, int rowCount, int unlabeledCount, int classCount, bool warmUp = true)
    {
        _warmUp = warmUp;
        _threshold = threshold;
        _selected = Enumerable.Repeat(-1, rowCount).ToArray();
        _counts = new long[classCount];
        _neverConfident = unlabeledCount;
    }

    /// <summary>Each class's threshold now.</summary>
    public double[] Current()
    {
        double scale = _warmUp ? Math.Max(_counts.Max(), _neverConfident) : _counts.Max();
        return _counts.Select(count =>
        {
            double status = scale == 0 ? 1 : count / scale;
            return _threshold * status / (2 - status);
        }).ToArray();
    }

    /// <summary>Remembers the class of each of <paramref name="rows"/> whose <paramref name="confidence"/> reached the base threshold.</summary>
    public void Record(int[] rows, long[] classes, float[] confidence)
    {
        for (int i = 0; i < rows.Length; i++)
        {
            if (confidence[i] < (float)_threshold)
                continue;
            int previous = _selected[rows[i]];
            if (previous < 0)
                _neverConfident--;
            else
                _counts[previous]--;
            _selected[rows[i]] = (int)classes[i];
            _counts[classes[i]]++;
        }
    }
}
