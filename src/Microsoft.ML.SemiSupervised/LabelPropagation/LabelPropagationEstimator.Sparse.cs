using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Diagnostics;
using Microsoft.ML.SemiSupervised.Graphs;
using Microsoft.ML.SemiSupervised.Labels;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// The fit over high-dimensional sparse features (featurized text): the rows are read and kept in sparse form, their
/// exact nearest neighbours found through an inverted index (<see cref="SparseNeighborSearch"/>), and the model
/// predicts new rows through the same index. Nothing of size rows x slots is ever allocated.
/// </summary>
public sealed partial class LabelPropagationEstimator
{
    /// <summary>Feature columns with more slots than this are read in sparse form first.</summary>
    internal const int SparseReadDimension = SparseLabeledRows.DimensionThreshold;

    /// <summary>
    /// Rows read in sparse form stay sparse when they hold on average at most this fraction of their slots as
    /// non-zeros; above it, dense rows are smaller (4 bytes a slot against 8 a non-zero) and the dense search faster.
    /// </summary>
    internal const double SparseDensityLimit = 0.25;

    private bool IsHighDimensional(DataViewSchema schema) =>
        schema.GetColumnOrNull(_options.FeatureColumnName)?.Type is VectorDataViewType { Size: > SparseReadDimension };

    /// <summary>
    /// Fits on the rows in sparse form, or returns null (after checking that dense rows fit in memory) when they hold
    /// too many non-zeros to gain from it; the caller then reads them densely.
    /// </summary>
    private LabelPropagationTransformer? FitSparse(IDataView input, IHost host, IChannel channel)
    {
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var rows = SparseLabeledRows.Load(input, _options.FeatureColumnName, _options.LabelColumnName, LabelTask.Multiclass, available);
        CheckRows(rows.RowCount, rows.Labels);
        var features = rows.Features;
        if (rows.AverageNonZeros > SparseDensityLimit * features.Dimension)
        {
            rows.CheckDenseFits(_options.FeatureColumnName, available);
            channel.Info(MessageSensitivity.None, string.Format(CultureInfo.InvariantCulture,
                "{0:0.0} of {1} slots per row are non-zero: reading the rows densely.", rows.AverageNonZeros, features.Dimension));
            return null;
        }
        if (_options.Kernel == LabelPropagationKernel.Rbf)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "Kernel = Rbf weighs every pair of rows in a dense graph, which sparse features ({0} slots, {1:0.0} non-zero per row " +
                "in feature column '{2}') do not need: use Kernel = LabelPropagationKernel.NearestNeighbors or NearestNeighborsRbf, " +
                "whose neighbours are found on the sparse rows directly.", features.Dimension, rows.AverageNonZeros, _options.FeatureColumnName),
                nameof(input));
        }

        var shift = _options.CheckDistributionShift
            ? DistributionShiftCheck.Run(_context, _options.FeatureColumnName, features, rows.Annotations, rows.Labels.Classes, new DistributionShiftOptions { CancellationToken = _options.CancellationToken }, new Random(_options.Seed ?? host.Rand.Next()))
            : null;
        if (shift is not null)
            SemiSupervisedCatalog.Log(channel, shift);

        features = ScaleForMetric(features);
        int k = LabelPropagationGraph.NeighborsToFind(_options);
        channel.Info(MessageSensitivity.None, string.Format(CultureInfo.InvariantCulture,
            "Searching the {0} exact nearest neighbours of {1} sparse rows...", k, features.Count));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var search = new SparseNeighborSearch(features);
        var neighbors = search.SearchAll(k, _options.CancellationToken);
        channel.Info(MessageSensitivity.None, string.Format(CultureInfo.InvariantCulture,
            "Found {0} exact nearest neighbours of {1} sparse rows ({2:0.0} non-zero of {3} slots per row, inverted index) in {4:0.00} s.",
            k, features.Count, rows.AverageNonZeros, features.Dimension, watch.Elapsed.TotalSeconds));
        var graph = LabelPropagationGraph.FromNeighbors(neighbors, _options);
        if (IsSpreading)
            graph = graph.NormalizeForSpreading();

        var labels = rows.Labels;
        return Label(channel, input.Schema, graph, labels, features.Count, shift, (a, b) => UnreachedRowLabeling.SquaredDistance(features, a, b), (stored, labeled) =>
            new LabelPropagationModel(_options.Kernel, _options.NumberOfNeighbors, _options.Gamma, search, labels.Catalog.Count, stored, labeled));
    }
}
