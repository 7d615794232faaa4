using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.InnerTrainers;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.Labels;

namespace Microsoft.ML.SemiSupervised.Auto;

/// <summary>
/// Fits a trainer on the labeled rows of data whose label marks unlabeled rows by a missing value, feeding it the
/// label type it needs (Boolean or key) as self-training feeds its inner trainer: the supervised baseline of
/// <see cref="AutoEstimator"/>. With label spreading options, it first spreads the labels over the graph of all rows
/// and also trains on the unlabeled rows the spreading reached, with their spread class ("label spreading then trainer").
/// </summary>
internal sealed class LabeledRowsTrainer<TTransformer> : IEstimator<TTransformer>, IRelabeledTrainer
    where TTransformer : class, ITransformer
{
    private const string PredictedLabelColumn = "PredictedLabel";
    private readonly MLContext _context;
    private readonly TrainerSource<TTransformer> _trainers;
    private readonly LabelTask _task;
    private readonly string _labelColumnName;
    private readonly string _featureColumnName;
    private readonly LabelSpreadingOptions? _spreading;

    public LabeledRowsTrainer(MLContext context, TrainerSource<TTransformer> trainers, LabelTask task, string labelColumnName, string featureColumnName, LabelSpreadingOptions? spreading)
    {
        _context = context;
        _trainers = trainers;
        _task = task;
        _labelColumnName = labelColumnName;
        _featureColumnName = featureColumnName;
        _spreading = spreading;
    }

    /// <summary>Fits the trainer on the labeled rows (and, after spreading, on the rows the spreading reached).</summary>
    public TTransformer Fit(IDataView input)
    {
        var table = LabeledTable.Load(input, _featureColumnName, _labelColumnName, null, _task);
        table.Labels.EnsureTrainable(_labelColumnName);
        var classes = (int[])table.Labels.Classes.Clone();
        if (_spreading is not null)
            AddSpreadLabels(input, table.Labels.Catalog, classes);
        return FitOn(input, table, classes);
    }

    /// <summary>Fits the trainer on the rows given a class (no spreading): reverse validation's reverse model.</summary>
    public ITransformer FitRelabeled(IDataView input, int[] classes)
    {
        var table = LabeledTable.Load(input, _featureColumnName, _labelColumnName, null, _task);
        if (classes.Length != table.RowCount)
            throw new ArgumentException($"Relabeling needs one class a row; got {classes.Length} for {table.RowCount} rows.", nameof(classes));
        new LabelSet(table.Labels.Catalog, classes).EnsureTrainable(_labelColumnName, nameof(classes));
        return FitOn(input, table, classes);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        TrainerOutputSchema.Predict(_context, _trainers.Sample, inputSchema, _task, _labelColumnName, _featureColumnName, null, "auto");

    /// <summary>Fits the trainer on the rows with a class, the classes written into the label type the trainer reads.</summary>
    private TTransformer FitOn(IDataView input, LabeledTable table, int[] classes)
    {
        var label = TrainingLabelColumn.Create(_labelColumnName, _task, table.Labels.Catalog, classes, input.Schema[_labelColumnName].Annotations);
        var rows = Enumerable.Range(0, classes.Length).Where(r => classes[r] >= 0).ToArray();
        int classCount = rows.Select(r => classes[r]).Distinct().Count();
        return _trainers.Fit(new InMemoryDataView([table.Features.ToColumn(), label], rows), rows.Length, classCount, _labelColumnName);
    }

    /// <summary>Gives each unlabeled row the spreading reached its spread class; labeled rows keep their own.</summary>
    private void AddSpreadLabels(IDataView input, ClassCatalog catalog, int[] classes)
    {
        var spread = new LabelPropagationEstimator(_context, _spreading!).Fit(input);
        var classOfName = catalog.Names.Select((name, c) => (name, c)).GroupBy(p => p.name).ToDictionary(g => g.Key, g => g.First().c);
        var keys = spread.Transform(input).GetColumn<uint>(PredictedLabelColumn).ToArray();
        for (int r = 0; r < classes.Length; r++)
        {
            if (classes[r] < 0 && keys[r] > 0 && classOfName.TryGetValue(spread.ClassNames[(int)keys[r] - 1], out int c))
                classes[r] = c;
        }
    }
}
