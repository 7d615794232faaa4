using System.Globalization;
using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// <see cref="NeighborMetric.Cosine"/>: the fitted rows are scaled to unit length once, before the graph (the
/// transformer scales every row it predicts the same way, <see cref="UnitLengthMapping"/>), so that every search, dense
/// or sparse, exact or approximate, finds the nearest rows by cosine through its Euclidean distances.
/// </summary>
public sealed partial class LabelPropagationEstimator
{
    /// <summary>Under the cosine metric, scales the dense rows to unit length in place; refuses rows of zeros.</summary>
    private void ScaleForMetric(PointSet points)
    {
        if (_options.Metric == NeighborMetric.Cosine)
            ThrowIfZeroRows(UnitLength.ScaleRows(points));
    }

    /// <summary>Under the cosine metric, the sparse rows at unit length; refuses rows of zeros. Otherwise the rows as they are.</summary>
    private SparseRows ScaleForMetric(SparseRows rows)
    {
        if (_options.Metric != NeighborMetric.Cosine)
            return rows;
        var (scaled, zeroRows, firstZeroRow) = UnitLength.ScaleRows(rows);
        ThrowIfZeroRows((zeroRows, firstZeroRow));
        return scaled;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2208", Justification = "Checks the data Fit(input) was given: the exception names Fit's parameter, as the caller sees it.")]
    private void ThrowIfZeroRows((int ZeroRows, int FirstZeroRow) zeros)
    {
        if (zeros.ZeroRows == 0)
            return;
        throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
            "Metric = Cosine needs every row to have a non-zero feature: feature column '{0}' has {1} rows whose values are all " +
            "zero (the first is row {2}), whose cosine similarity to any row is undefined. Remove them first (e.g. " +
            "mlContext.Data.FilterByCustomPredicate), or use Metric = NeighborMetric.Euclidean.",
            _options.FeatureColumnName, zeros.ZeroRows, zeros.FirstZeroRow), "input");
    }
}
