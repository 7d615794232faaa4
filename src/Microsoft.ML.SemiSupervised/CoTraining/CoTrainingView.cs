using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Confidence;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Ensembles;
using Microsoft.ML.SemiSupervised.InnerTrainers;

namespace Microsoft.ML.SemiSupervised.CoTraining;

/// <summary>
/// One view of the training rows, held in memory: each row's view features under the name its trainer reads, the
/// shared labels, and where its trainers come from; the row store its scorer reads.
/// </summary>
internal sealed class CoTrainingView : IRowStore
{
    private readonly TrainerSource<ITransformer> _trainers;
    private readonly InMemoryColumn _features;
    private readonly InMemoryColumn[] _trainingColumns;
    private readonly int[] _assigned;

    public CoTrainingView(TrainerSource<ITransformer> trainers, string featureColumnName, VBuffer<float>[] rows, int dimension,
        DataViewSchema.Annotations? annotations, InMemoryColumn label, int[] assigned, string sourceColumnName, int sourceDimension, int[]? slots)
    {
        _trainers = trainers;
        _assigned = assigned;
        FeatureColumnName = featureColumnName;
        SourceColumnName = sourceColumnName;
        SourceDimension = sourceDimension;
        Slots = slots;
        Features = new FeatureRows(featureColumnName, new VectorDataViewType(NumberDataViewType.Single, dimension), annotations ?? DataViewSchema.Annotations.Empty, rows);
        _features = Features.ToColumn();
        _trainingColumns = [_features, label];
    }

    /// <summary>The view's features of every row, under the column name its trainer reads.</summary>
    public FeatureRows Features { get; }

    /// <summary>The feature column the view's trainer reads.</summary>
    public string FeatureColumnName { get; }

    /// <summary>The user's column the view comes from.</summary>
    public string SourceColumnName { get; }

    /// <summary>The number of slots of the source column.</summary>
    public int SourceDimension { get; }

    /// <summary>The source column's slots that form the view, ascending, or null for the whole column.</summary>
    public int[]? Slots { get; }

    /// <inheritdoc />
    public int[] TrainingRows { get; set; } = [];

    /// <inheritdoc />
    public int ClassOf(int row) => _assigned[row];

    /// <inheritdoc />
    public ITransformer Fit(int[] rows) => _trainers.ForFit().Fit(new InMemoryDataView(_trainingColumns, rows));

    /// <inheritdoc />
    public IDataView FeatureView(int[] rows) => new InMemoryDataView([_features], rows);

    /// <summary>The view's model as an ensemble member.</summary>
    public EnsembleMember Member(ITransformer model) => new(model, FeatureColumnName, SourceColumnName, SourceDimension, Slots);
}
