using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Ensembles;
using Microsoft.ML.SemiSupervised.InnerTrainers;

namespace Microsoft.ML.SemiSupervised.CoTraining;

/// <summary>
/// One view of the training rows, held in memory: each row's view features under the name its trainer reads, the
/// shared labels, where its trainers come from, and the user's column the view comes from.
/// </summary>
internal sealed class CoTrainingView : TrainingRowStore<ITransformer>
{
    public CoTrainingView(TrainerSource<ITransformer> trainers, string featureColumnName, VBuffer<float>[] rows, int dimension,
        DataViewSchema.Annotations? annotations, InMemoryColumn label, int[] assigned, string sourceColumnName, int sourceDimension, int[]? slots,
        CancellationToken cancellation)
        : base(trainers, new FeatureRows(featureColumnName, new VectorDataViewType(NumberDataViewType.Single, dimension), annotations ?? DataViewSchema.Annotations.Empty, rows),
            assigned, label, cancellation)
    {
        SourceColumnName = sourceColumnName;
        SourceDimension = sourceDimension;
        Slots = slots;
    }

    /// <summary>The feature column the view's trainer reads.</summary>
    public string FeatureColumnName => Features.ColumnName;

    /// <summary>The user's column the view comes from.</summary>
    public string SourceColumnName { get; }

    /// <summary>The number of slots of the source column.</summary>
    public int SourceDimension { get; }

    /// <summary>The source column's slots that form the view, ascending, or null for the whole column.</summary>
    public int[]? Slots { get; }

    /// <summary>The view's model as an ensemble member.</summary>
    public EnsembleMember Member(ITransformer model) => new(model, FeatureColumnName, SourceColumnName, SourceDimension, Slots);
}
