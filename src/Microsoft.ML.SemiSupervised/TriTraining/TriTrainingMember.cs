using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.InnerTrainers;
using Microsoft.ML.SemiSupervised.Labels;

namespace Microsoft.ML.SemiSupervised.TriTraining;

/// <summary>
/// One of the three tri-training models: the shared training rows with its own labels (the labeled rows plus the
/// unlabeled rows the other two gave it this round), its current model and the rows it was fitted on.
/// </summary>
internal sealed class TriTrainingMember : TrainingRowStore<ITransformer>
{
    public TriTrainingMember(TrainerSource<ITransformer> trainers, FeatureRows features, LabelTask task, LabelSet labels, string labelColumnName, DataViewSchema.Annotations labelAnnotations, CancellationToken cancellation)
        : this(trainers, features, task, labels, labelColumnName, labelAnnotations, (int[])labels.Classes.Clone(), cancellation)
    {
    }

    private TriTrainingMember(TrainerSource<ITransformer> trainers, FeatureRows features, LabelTask task, LabelSet labels, string labelColumnName, DataViewSchema.Annotations labelAnnotations, int[] classes, CancellationToken cancellation)
        : base(trainers, features, classes, TrainingLabelColumn.Create(labelColumnName, task, labels.Catalog, classes, labelAnnotations), cancellation)
    {
    }

    /// <summary>Gives <paramref name="rows"/> the classes <paramref name="classes"/> (pseudo-labels), replacing earlier ones.</summary>
    public void Label(int[] unlabeledRows, int[] rows, int[] classes)
    {
        foreach (var r in unlabeledRows)
            Classes[r] = -1;
        for (int i = 0; i < rows.Length; i++)
            Classes[rows[i]] = classes[i];
    }
}
