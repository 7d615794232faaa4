using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.Selection;

/// <summary>
/// Setred, self-training with editing (Li and Zhou, 2005): another rule proposes pseudo-labels, and a proposed row is
/// kept only if its neighbours do not disagree with it more than chance would, by the local cut-edge weight test.
/// </summary>
/// <remarks>
/// <para>
/// Each iteration, <see cref="CandidateSelection"/> proposes rows with their classes. The proposed rows and the labeled
/// rows the model was fitted on (<see cref="PseudoLabelCandidates.LabeledRows"/>) form a graph in which each proposed
/// row is joined to its <see cref="NumberOfNeighbors"/> nearest rows (Euclidean distance on the features, by exact
/// search), with weight <c>1 / (1 + distance)</c>. A proposed row's cut-edge weight J is the weight of its edges to
/// rows of another class. Under the null hypothesis that classes are independent of the graph, an edge is cut with
/// probability 1 - p, p the share of the row's class in <see cref="PseudoLabelCandidates.LabeledClassProportions"/>;
/// J is compared with that distribution (normal approximation) and the row is kept when its one-sided p-value
/// <c>P(J' &gt;= J)</c> is above <see cref="RejectionThreshold"/> (the paper's θ): rows whose neighbours disagree
/// with them significantly are dropped and stay unlabeled.
/// </para>
/// <para>
/// The features are compared as they are: put a normalizer before self-training when their scales differ. With many
/// classes, chance alone already cuts most edges (p is small), so the test drops only rows whose neighbours almost
/// all disagree; more neighbours make it stricter.
/// </para>
/// </remarks>
public sealed class SetredSelection : PseudoLabelSelection
{
    /// <summary>The default <see cref="RejectionThreshold"/>: 0.1, the paper's θ.</summary>
    public const double DefaultRejectionThreshold = 0.1;

    /// <summary>The default <see cref="NumberOfNeighbors"/>: 10.</summary>
    public const int DefaultNumberOfNeighbors = 10;

    /// <summary>Creates the rule.</summary>
    /// <param name="candidateSelection">The rule that proposes pseudo-labels; null for <see cref="ConfidenceThresholdSelection"/> with its default threshold.</param>
    /// <param name="rejectionThreshold">The significance level below which a proposed row is dropped, in (0, 1).</param>
    /// <param name="numberOfNeighbors">The neighbours of each proposed row in the graph; must be positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rejectionThreshold"/> is not in (0, 1), or <paramref name="numberOfNeighbors"/> is not positive.</exception>
    public SetredSelection(PseudoLabelSelection? candidateSelection = null, double rejectionThreshold = DefaultRejectionThreshold, int numberOfNeighbors = DefaultNumberOfNeighbors)
    {
        if (!(rejectionThreshold > 0 && rejectionThreshold < 1))
            throw new ArgumentOutOfRangeException(nameof(rejectionThreshold), string.Create(CultureInfo.InvariantCulture, $"RejectionThreshold must be in (0, 1); got {rejectionThreshold}."));
        if (numberOfNeighbors <= 0)
            throw new ArgumentOutOfRangeException(nameof(numberOfNeighbors), string.Create(CultureInfo.InvariantCulture, $"NumberOfNeighbors must be positive; got {numberOfNeighbors}."));
        CandidateSelection = candidateSelection ?? new ConfidenceThresholdSelection();
        RejectionThreshold = rejectionThreshold;
        NumberOfNeighbors = numberOfNeighbors;
    }

    /// <summary>The rule that proposes the pseudo-labels Setred edits.</summary>
    /// <value>The default value is a <see cref="ConfidenceThresholdSelection"/> with threshold 0.75.</value>
    public PseudoLabelSelection CandidateSelection { get; }

    /// <summary>The significance level θ: a proposed row whose cut-edge weight has a p-value at or below it is dropped.</summary>
    /// <value>The default value is 0.1.</value>
    public double RejectionThreshold { get; }

    /// <summary>The number of nearest rows each proposed row is joined to in the graph.</summary>
    /// <value>The default value is 10.</value>
    public int NumberOfNeighbors { get; }

    /// <summary>The pseudo-labels <see cref="CandidateSelection"/> proposes that pass the cut-edge weight test, in its order.</summary>
    /// <param name="candidates">The iteration's candidates.</param>
    /// <returns>The kept pseudo-labels.</returns>
    /// <exception cref="ArgumentException">A row's features are too large for distances in Single (normalize them).</exception>
    public override IReadOnlyList<PseudoLabel> Select(PseudoLabelCandidates candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var proposed = SelectChecked(CandidateSelection, candidates);
        if (proposed.Count == 0)
            return proposed;
        var pValues = PValues(candidates, proposed);
        return proposed.Where((_, i) => pValues[i] > RejectionThreshold).ToArray();
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Setred({CandidateSelection}, {RejectionThreshold}, {NumberOfNeighbors})");

    /// <inheritdoc />
    internal override void CheckClasses(string labelColumnName, IReadOnlyList<string> classNames) => CandidateSelection.CheckClasses(labelColumnName, classNames);

    /// <summary>The p-value of each proposed pseudo-label's cut-edge weight, in the graph of the labeled and proposed rows.</summary>
    internal double[] PValues(PseudoLabelCandidates candidates, IReadOnlyList<PseudoLabel> proposed)
    {
        var labeled = candidates.LabeledRows;
        int count = labeled.Count + proposed.Count;
        int dimension = candidates.FeatureCount;
        var values = new float[(long)count * dimension];
        var classes = new int[count];
        for (int p = 0; p < count; p++)
        {
            int row = p < labeled.Count ? labeled[p] : candidates.Rows[proposed[p - labeled.Count].Candidate];
            classes[p] = p < labeled.Count ? candidates.Labels[row] : proposed[p - labeled.Count].Class;
            var point = values.AsSpan(p * dimension, dimension);
            WriteDense(candidates.GetFeatures(row), point);
            double squaredNorm = 0;
            foreach (var value in point)
                squaredNorm += (double)value * value;
            // The search computes |x|^2 + |y|^2 - 2 x.y in Single: past a quarter of Single's range it overflows and finds no neighbour.
            if (squaredNorm > float.MaxValue / 4.0)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Setred compares rows by Euclidean distance, but the features of row {row} have a squared norm of {squaredNorm:G3}, beyond {float.MaxValue / 4.0:G3}, where distances overflow Single. Rescale the features first, for example with mlContext.Transforms.NormalizeMinMax on the feature column."));
        }
        var pValues = new double[proposed.Count];
        int k = Math.Min(NumberOfNeighbors, count - 1);
        if (k == 0)
        {
            Array.Fill(pValues, 1.0);
            return pValues;
        }
        var neighbors = ExactNeighborSearch.Search(new PointSet(values, dimension), k);
        for (int i = 0; i < proposed.Count; i++)
        {
            int point = labeled.Count + i;
            double cut = 0, sum = 0, squaredSum = 0;
            for (int t = 0; t < k; t++)
            {
                int neighbor = neighbors.Indices[point * k + t];
                double weight = 1 / (1 + Math.Sqrt(neighbors.SquaredDistances[point * k + t]));
                sum += weight;
                squaredSum += weight * weight;
                if (classes[neighbor] != classes[point])
                    cut += weight;
            }
            pValues[i] = CutEdgeWeightTest.UpperTailPValue(cut, sum, squaredSum, candidates.LabeledClassProportions[classes[point]]);
        }
        return pValues;
    }

    private static void WriteDense(VBuffer<float> features, Span<float> destination)
    {
        var featureValues = features.GetValues();
        if (features.IsDense)
        {
            featureValues.CopyTo(destination);
            return;
        }
        destination.Clear();
        var indices = features.GetIndices();
        for (int j = 0; j < featureValues.Length; j++)
            destination[indices[j]] = featureValues[j];
    }
}
