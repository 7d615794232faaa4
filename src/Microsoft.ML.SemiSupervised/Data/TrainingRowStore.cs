using Microsoft.ML.SemiSupervised.Confidence;
using Microsoft.ML.SemiSupervised.InnerTrainers;

namespace Microsoft.ML.SemiSupervised.Data;

/// <summary>
/// Training rows held in memory, as the self-, co- and tri-training loops fit and score them: each row's features
/// (under the column name the trainer reads), each row's class (-1 where unlabeled) that the loop changes as it
/// pseudo-labels, where the trainers come from, and the model last fitted with the rows it was fitted on. The one
/// <see cref="IRowStore"/>: self-training holds one, co-training one per view, tri-training one per member.
/// </summary>
/// <typeparam name="TTransformer">The inner trainer's transformer.</typeparam>
internal class TrainingRowStore<TTransformer> : IRowStore
    where TTransformer : class, ITransformer
{
    private readonly TrainerSource<TTransformer> _trainers;
    private readonly InMemoryColumn _features;
    private readonly InMemoryColumn[] _trainingColumns;
    private readonly string _labelColumnName;
    private readonly CancellationToken _cancellation;

    /// <param name="trainers">Where the trainer of each fit comes from.</param>
    /// <param name="features">The features of every row, under the column name the trainer reads.</param>
    /// <param name="classes">Each row's class, -1 where unlabeled; kept, not copied: the owner writes pseudo-labels into it.</param>
    /// <param name="label">The label column the trainer reads, built over <paramref name="classes"/>.</param>
    /// <param name="cancellation">Checked before every fit, calibration folds included.</param>
    /// <param name="weight">The example weight column the trainer reads, or null for none.</param>
    public TrainingRowStore(TrainerSource<TTransformer> trainers, FeatureRows features, int[] classes, InMemoryColumn label, CancellationToken cancellation, InMemoryColumn? weight = null)
    {
        _trainers = trainers;
        _cancellation = cancellation;
        Features = features;
        Classes = classes;
        _features = features.ToColumn();
        _trainingColumns = weight is null ? [_features, label] : [_features, label, weight];
        _labelColumnName = label.Name;
    }

    /// <summary>The features of every row, under the column name the trainer reads.</summary>
    public FeatureRows Features { get; }

    /// <summary>Each row's class, -1 where unlabeled: the array the label column reads.</summary>
    public int[] Classes { get; }

    /// <summary>The model of the last <see cref="Refit"/>, or null before the first.</summary>
    public TTransformer? Model { get; private set; }

    /// <inheritdoc />
    public int[] TrainingRows { get; private set; } = [];

    /// <inheritdoc />
    public int ClassOf(int row) => Classes[row];

    /// <summary>Fits the trainer on <paramref name="rows"/> (repeats allowed, as in a bootstrap sample) with their current classes.</summary>
    /// <exception cref="OperationCanceledException">The fit was cancelled.</exception>
    /// <exception cref="InvalidOperationException">The trainer's fit threw (see <see cref="InnerTrainerFailure"/>).</exception>
    public TTransformer Fit(int[] rows)
    {
        _cancellation.ThrowIfCancellationRequested();
        int classCount = rows.Select(r => Classes[r]).Distinct().Count();
        return _trainers.Fit(new InMemoryDataView(_trainingColumns, rows), rows.Length, classCount, _labelColumnName);
    }

    /// <inheritdoc />
    ITransformer IRowStore.Fit(int[] rows) => Fit(rows);

    /// <summary>Fits the trainer on <paramref name="rows"/> and keeps the model as <see cref="Model"/>, and the rows as <see cref="TrainingRows"/>.</summary>
    /// <exception cref="OperationCanceledException">The fit was cancelled.</exception>
    public TTransformer Refit(int[] rows)
    {
        TrainingRows = rows;
        Model = Fit(rows);
        return Model;
    }

    /// <inheritdoc />
    public IDataView FeatureView(int[] rows) => new InMemoryDataView([_features], rows);
}
