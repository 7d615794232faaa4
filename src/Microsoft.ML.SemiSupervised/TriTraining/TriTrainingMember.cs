using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Confidence;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.InnerTrainers;
using Microsoft.ML.SemiSupervised.Labels;

namespace Microsoft.ML.SemiSupervised.TriTraining;

/// <summary>
/// One of the three tri-training models: where its trainers come from, its own labels (the labeled rows plus the unlabeled rows the
/// other two gave it this round), the rows its current model was fitted on, and the row store its scorer reads.
/// </summary>
internal sealed class TriTrainingMember : IRowStore
{
    private readonly TrainerSource<ITransformer> _trainers;
    private readonly InMemoryColumn _features;
    private readonly InMemoryColumn[] _trainingColumns;
    private readonly int[] _labels;

    public TriTrainingMember(TrainerSource<ITransformer> trainers, FeatureRows features, LabelTask task, LabelSet labels, string labelColumnName, DataViewSchema.Annotations labelAnnotations)
    {
        _trainers = trainers;
        _labels = (int[])labels.Classes.Clone();
        _features = features.ToColumn();
        _trainingColumns = [_features, TrainingLabelColumn.Create(labelColumnName, task, labels.Catalog, _labels, labelAnnotations)];
    }

    /// <summary>The member's current model.</summary>
    public ITransformer? Model { get; private set; }

    /// <inheritdoc />
    public int[] TrainingRows { get; private set; } = [];

    /// <inheritdoc />
    public int ClassOf(int row) => _labels[row];

    /// <summary>Gives <paramref name="rows"/> the classes <paramref name="classes"/> (pseudo-labels), replacing earlier ones.</summary>
    public void Label(int[] unlabeledRows, int[] rows, int[] classes)
    {
        foreach (var r in unlabeledRows)
            _labels[r] = -1;
        for (int i = 0; i < rows.Length; i++)
            _labels[rows[i]] = classes[i];
    }

    /// <summary>Fits the member's model on <paramref name="rows"/> (repeats allowed, as in a bootstrap sample) and keeps it.</summary>
    public ITransformer Refit(int[] rows)
    {
        TrainingRows = rows;
        Model = Fit(rows);
        return Model;
    }

    /// <inheritdoc />
    public ITransformer Fit(int[] rows) => _trainers.ForFit().Fit(new InMemoryDataView(_trainingColumns, rows));

    /// <inheritdoc />
    public IDataView FeatureView(int[] rows) => new InMemoryDataView([_features], rows);
}
