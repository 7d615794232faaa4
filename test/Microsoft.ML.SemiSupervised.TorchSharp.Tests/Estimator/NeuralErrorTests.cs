using Microsoft.ML.SemiSupervised.Neural;
using Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.Estimator;

/// <summary>Bad input is refused before training, with the column and the fix named.</summary>
public sealed class NeuralErrorTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void Fit_NoLabeledRows_ThrowsNamingLabelColumn()
    {
        var rows = IrisRows.All().Select(r => new IrisRows.Row { Features = r.Features, Label = float.NaN });
        var error = Assert.Throws<ArgumentException>(() => _ml.SemiSupervised.FixMatch(QuickOptions.FixMatch()).Fit(_ml.Data.LoadFromEnumerable(rows)));
        Assert.Contains("'Label'", error.Message);
        Assert.Contains("no labeled rows", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Fit_OneClass_ThrowsNamingLabelColumnAndClass()
    {
        var rows = IrisRows.All().Select((r, i) => new IrisRows.Row { Features = r.Features, Label = i < 10 ? 0 : float.NaN });
        var error = Assert.Throws<ArgumentException>(() => _ml.SemiSupervised.MixMatch(new MixMatchOptions { MaximumNumberOfIterations = 1 }).Fit(_ml.Data.LoadFromEnumerable(rows)));
        Assert.Contains("'Label'", error.Message);
        Assert.Contains("'0'", error.Message);
    }

    [Fact]
    public void Fit_NaNFeature_ThrowsNamingFeatureColumnAndRow()
    {
        var rows = IrisRows.PartlyLabeled();
        rows[7].Features = [1, float.NaN, 2, 3];
        var error = Assert.Throws<ArgumentException>(() => _ml.SemiSupervised.MeanTeacher(new MeanTeacherOptions { MaximumNumberOfIterations = 1 }).Fit(_ml.Data.LoadFromEnumerable(rows)));
        Assert.Contains("Feature column 'Features' holds NaN in row 7 (slot 1)", error.Message);
        Assert.Contains("ReplaceMissingValues", error.Message);
    }

    [Fact]
    public void Fit_VectorSizeDoesNotMatchImageShape_ThrowsSchemaMismatch()
    {
        var options = new FixMatchOptions { ImageHeight = 3, ImageWidth = 3, MaximumNumberOfIterations = 1 };
        var error = Assert.Throws<ArgumentException>(() => _ml.SemiSupervised.FixMatch(options).Fit(IrisRows.PartlyLabeled(_ml)));
        Assert.StartsWith("Schema mismatch for feature column 'Features': expected Vector<Single, 9> (ImageHeight 3 x ImageWidth 3 x ImageChannels 1), got Vector<Single, 4>.", error.Message);
    }

    [Fact]
    public void Fit_MissingFeatureColumn_ThrowsCouldNotFind()
    {
        var options = new PseudoLabelingOptions { FeatureColumnName = "Pixels", MaximumNumberOfIterations = 1 };
        var error = Assert.ThrowsAny<ArgumentException>(() => _ml.SemiSupervised.PseudoLabeling(options).Fit(IrisRows.PartlyLabeled(_ml)));
        Assert.StartsWith("Could not find feature column 'Pixels'", error.Message);
    }

    [Fact]
    public void Create_InvalidOptions_ListsEveryProblem()
    {
        var options = new FixMatchOptions
        {
            ConfidenceThreshold = 1.5,
            BatchSize = 0,
            UnlabeledRatio = -2,
            HiddenLayerSizes = [],
            Network = NeuralNetworkKind.Convolutional,
        };
        var error = Assert.Throws<ArgumentException>(() => _ml.SemiSupervised.FixMatch(options));
        Assert.Equal(
            "Invalid FixMatch options: HiddenLayerSizes must hold at least one size, each positive; got []. " +
            "Network is Convolutional, but ImageHeight and ImageWidth are not set: set the image shape, or use MultilayerPerceptron. " +
            "BatchSize must be positive; got 0. ConfidenceThreshold must be in (0, 1]; got 1.5. UnlabeledRatio must be positive; got -2.",
            error.Message);
    }

    [Fact]
    public void Create_MixMatchTemperatureZero_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => _ml.SemiSupervised.MixMatch(new MixMatchOptions { Temperature = 0 }));
        Assert.Equal("Invalid MixMatch options: Temperature must be in (0, 1]; got 0.", error.Message);
    }

    [Fact]
    public void Create_NoEpochLimitWithoutValidation_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => _ml.SemiSupervised.FixMatch(new FixMatchOptions { MaximumNumberOfIterations = null }));
        Assert.Contains("MaximumNumberOfIterations must be set (the number of epochs) unless ValidationData is given", error.Message);
    }
}
