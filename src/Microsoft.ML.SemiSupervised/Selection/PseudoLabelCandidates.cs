using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Confidence;
using Microsoft.ML.SemiSupervised.Data;

namespace Microsoft.ML.SemiSupervised.Selection;

/// <summary>
/// What a <see cref="PseudoLabelSelection"/> sees in one self-training iteration or one view's turn in a co-training
/// round: the candidates (the rows still unlabeled; in co-training, the pool rows not yet labeled this round) with the
/// current model's predicted class and confidence, the labeled rows the model was fitted on, every row's current label
/// and features (in co-training, the view's features), and the class proportions of the labeled data.
/// </summary>
/// <remarks>
/// Candidates are numbered 0 to <see cref="Count"/> - 1, in row order (in co-training, in the order the random
/// pool drew them); <see cref="Rows"/> maps a candidate to its row. Rows are numbered as the training data's rows, and index <see cref="Labels"/> and
/// <see cref="GetFeatures"/>. Every list is a read-only view of the loop's own state, valid during the
/// <see cref="PseudoLabelSelection.Select"/> call only: nothing is copied per call, so do not keep them.
/// </remarks>
public sealed class PseudoLabelCandidates
{
    private readonly FeatureRows _features;

    internal PseudoLabelCandidates(int iteration, IReadOnlyList<int> rows, ArraySegment<ClassPrediction> predictions, int[] labeledRows,
        int[] labels, FeatureRows features, int[] labeledClassCounts, Random random)
    {
        Iteration = iteration;
        Rows = rows;
        PredictedClasses = new Projection<int>(predictions, p => p.Class);
        Confidences = new Projection<float>(predictions, p => p.Confidence);
        LabeledRows = Array.AsReadOnly(labeledRows);
        Labels = Array.AsReadOnly(labels);
        _features = features;
        ClassCount = labeledClassCounts.Length;
        LabeledClassCounts = Array.AsReadOnly(labeledClassCounts.Select(c => (double)c).ToArray());
        double labeled = labeledClassCounts.Sum();
        LabeledClassProportions = Array.AsReadOnly(labeledClassCounts.Select(c => labeled > 0 ? c / labeled : 0).ToArray());
        Random = random;
    }

    /// <summary>The iteration's (or co-training round's) number, from 1.</summary>
    public int Iteration { get; }

    /// <summary>The number of candidates.</summary>
    public int Count => Rows.Count;

    /// <summary>The row of each candidate: ascending in self-training, in pool order in co-training.</summary>
    public IReadOnlyList<int> Rows { get; }

    /// <summary>The class the current model predicts for each candidate (0 to <see cref="ClassCount"/> - 1).</summary>
    public IReadOnlyList<int> PredictedClasses { get; }

    /// <summary>The model's probability of each candidate's predicted class, 0 to 1.</summary>
    public IReadOnlyList<float> Confidences { get; }

    /// <summary>
    /// The rows the current model was fitted on: the labeled rows and the pseudo-labeled ones so far, without the
    /// rows the hold-out guard holds out.
    /// </summary>
    public IReadOnlyList<int> LabeledRows { get; }

    /// <summary>The current class of every row (0 to <see cref="ClassCount"/> - 1), or -1 for an unlabeled row.</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>The number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>
    /// The share of each class among the rows labeled in the data (before any pseudo-label), summing to 1: the
    /// class prior that <see cref="ClassBalancedSelection"/> keeps and <see cref="SetredSelection"/> tests against.
    /// </summary>
    public IReadOnlyList<double> LabeledClassProportions { get; }

    /// <summary>The number of rows of each class labeled in the data, as the shares <see cref="ClassBalancedSelection"/> keeps.</summary>
    internal IReadOnlyList<double> LabeledClassCounts { get; }

    /// <summary>The number of features per row.</summary>
    public int FeatureCount => _features.Dimension;

    /// <summary>The random source of the fit (seeded by the options' Seed or the MLContext), for rules that draw.</summary>
    public Random Random { get; }

    /// <summary>The features of a row, as the inner trainer reads them (dense or sparse).</summary>
    /// <param name="row">The row, as in <see cref="Rows"/> or <see cref="LabeledRows"/>.</param>
    /// <returns>The row's feature vector. It shares the loop's memory: read it, do not change it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is not a row of the data.</exception>
    public VBuffer<float> GetFeatures(int row)
    {
        if ((uint)row >= (uint)_features.Rows.Length)
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Row must be in [0, {_features.Rows.Length}); got {row}.");
        return _features.Rows[row];
    }

    /// <summary>A read-only list of one field of each prediction, without copying them.</summary>
    private sealed class Projection<T> : IReadOnlyList<T>
    {
        private readonly ArraySegment<ClassPrediction> _source;
        private readonly Func<ClassPrediction, T> _field;

        public Projection(ArraySegment<ClassPrediction> source, Func<ClassPrediction, T> field)
        {
            _source = source;
            _field = field;
        }

        public T this[int index] => _field(_source[index]);

        public int Count => _source.Count;

        public IEnumerator<T> GetEnumerator() => _source.Select(_field).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
