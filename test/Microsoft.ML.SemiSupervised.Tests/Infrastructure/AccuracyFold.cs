using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Tests.Infrastructure;

/// <summary>
/// One seeded run of an accuracy test: a <see cref="SemiSupervisedSplit"/> of a data set, the training rows (labels
/// partly missing), the test rows and their true classes, and the labeled rows alone in the label type a supervised
/// baseline trainer needs.
/// </summary>
public sealed record AccuracyFold(MLContext Ml, IDataView Train, IDataView Test, int[] Truth, IDataView LabeledOnly)
{
    /// <summary>
    /// A binary run: features min-max normalized on the training rows; the labeled rows with a Boolean label.
    /// </summary>
    public static AccuracyFold Binary(CsvDataSet data, double labeledFraction, int seed)
    {
        var (ml, split, truth) = Start(data, labeledFraction, seed);
        var normalizer = ml.Transforms.NormalizeMinMax("Features").Fit(DataViews.Train(ml, data, split));
        var train = normalizer.Transform(DataViews.Train(ml, data, split));
        var test = normalizer.Transform(DataViews.Test(ml, data, split));
        var labeledOnly = ml.Data.FilterRowsByMissingValues(train, "Label");
        var labeledBoolean = ml.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Boolean).Fit(labeledOnly).Transform(labeledOnly);
        return new AccuracyFold(ml, train, test, truth, labeledBoolean);
    }

    /// <summary>A multiclass run: features as they are; the labeled rows with a key label (MapValueToKey).</summary>
    public static AccuracyFold Multiclass(CsvDataSet data, double labeledFraction, int seed)
    {
        var (ml, split, truth) = Start(data, labeledFraction, seed);
        var train = DataViews.Train(ml, data, split);
        var test = DataViews.Test(ml, data, split);
        var labeledOnly = ml.Data.FilterRowsByMissingValues(train, "Label");
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(labeledOnly).Transform(labeledOnly);
        return new AccuracyFold(ml, train, test, truth, keyed);
    }

    private static (MLContext Ml, SemiSupervisedSplit Split, int[] Truth) Start(CsvDataSet data, double labeledFraction, int seed)
    {
        var split = SemiSupervisedSplit.Create(data, labeledFraction, seed);
        return (new MLContext(seed), split, split.TestRows.Select(r => data.Labels[r]).ToArray());
    }
}
