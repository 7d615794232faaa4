using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.InnerTrainers;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.TriTraining;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.Data;

/// <summary>The one row store of the self-, co- and tri-training loops: what it fits on, what it serves, when it stops.</summary>
public sealed class TrainingRowStoreTests
{
    private static (MLContext Ml, LabeledTable Table) Iris()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        return (ml, LabeledTable.Load(data, "Features", "Label", null, LabelTask.Multiclass));
    }

    private static TrainingRowStore<ITransformer> Store(MLContext ml, LabeledTable table, int[] classes, CancellationToken cancellation) =>
        new(TrainerSource<ITransformer>.Of(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()), table.Features, classes,
            TrainingLabelColumn.Create("Label", LabelTask.Multiclass, table.Labels.Catalog, classes, DataViewSchema.Annotations.Empty), cancellation);

    [Fact]
    public void Refit_KeepsTheModelAndItsRows_FitDoesNot()
    {
        var (ml, table) = Iris();
        var classes = (int[])table.Labels.Classes.Clone();
        var store = Store(ml, table, classes, CancellationToken.None);
        var labeled = Enumerable.Range(0, classes.Length).Where(r => classes[r] >= 0).ToArray();

        var model = store.Refit(labeled);
        store.Fit(labeled[..6]);

        Assert.Same(model, store.Model);
        Assert.Equal(labeled, store.TrainingRows);
        Assert.Equal(["Features"], store.FeatureView([0, 1]).Schema.Select(c => c.Name));
        Assert.Equal(2, store.FeatureView([0, 1]).GetRowCount());
    }

    [Fact]
    public void ClassOf_ReadsTheClassesTheOwnerWrites()
    {
        var (ml, table) = Iris();
        var classes = (int[])table.Labels.Classes.Clone();
        var store = Store(ml, table, classes, CancellationToken.None);
        int unlabeled = Array.IndexOf(classes, -1);

        classes[unlabeled] = 2;

        Assert.Equal(-1, table.Labels.Classes[unlabeled]);
        Assert.Equal(2, store.ClassOf(unlabeled));
        Assert.Same(classes, store.Classes);
    }

    [Fact]
    public void Fit_Cancelled_ThrowsBeforeFitting_ForEveryLoopsStore()
    {
        var (ml, table) = Iris();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var store = Store(ml, table, (int[])table.Labels.Classes.Clone(), cancelled.Token);
        var member = new TriTrainingMember(TrainerSource<ITransformer>.Of(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()), table.Features, LabelTask.Multiclass,
            table.Labels, "Label", DataViewSchema.Annotations.Empty, cancelled.Token);

        Assert.Throws<OperationCanceledException>(() => store.Fit([0, 1, 2]));
        Assert.Throws<OperationCanceledException>(() => member.Refit([0, 1, 2]));
        Assert.Null(member.Model);
    }
}
