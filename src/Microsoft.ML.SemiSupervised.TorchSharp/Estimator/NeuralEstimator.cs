using System.Globalization;
using Microsoft.ML.Runtime;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Diagnostics;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.Validation;
using TorchSharp;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// A neural semi-supervised method (FixMatch, MixMatch, Mean Teacher or Pi-model, pseudo-labeling): trains a network on
/// the labeled and unlabeled rows together, in the same mini-batches, and fits a <see cref="NeuralTransformer"/> that
/// writes ML.NET's multiclass outputs (PredictedLabel, Score).
/// </summary>
/// <remarks>
/// <format type="text/markdown"><![CDATA[
/// ### Estimator characteristics
/// |  |  |
/// | -- | -- |
/// | Machine learning task | Semi-supervised multiclass (and binary, as two classes) classification |
/// | Is normalization required? | No: the features are standardized inside, with the training rows' mean and deviation |
/// | Is caching required? | No: every row is read once, into memory |
/// | Required NuGet in addition to Microsoft.ML | Microsoft.ML.SemiSupervised.TorchSharp and a LibTorch package (TorchSharp-cpu, or a CUDA one) |
/// | Exportable to ONNX | No |
/// ]]></format>
/// <para>
/// Created by <c>mlContext.SemiSupervised.FixMatch(...)</c>, <c>MixMatch(...)</c>, <c>MeanTeacher(...)</c> or
/// <c>PseudoLabeling(...)</c>. Rows whose label is missing (NaN, the missing key, empty text) are the unlabeled rows.
/// The network trains on the CPU (LibTorch's default device); a seeded run repeats exactly on the same kind of processor
/// (LibTorch and MKL choose their kernels by processor) and number of threads. See each method's options for its
/// algorithm and <see cref="NeuralNetworkOptions"/> for the network, the optimizer and the augmentations.
/// </para>
/// </remarks>
public sealed class NeuralEstimator : IEstimator<NeuralTransformer>
{
    private readonly MLContext _context;
    private readonly NeuralNetworkOptions _options;

    internal NeuralEstimator(MLContext context, NeuralNetworkOptions options)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Clone();
        _options.Validate();
    }

    /// <summary>Trains the network on every row of <paramref name="input"/> and returns the transformer.</summary>
    /// <exception cref="ArgumentException">A column is missing or mistyped, the vector does not match the image shape, a feature is not finite, or no row or one class only is labeled.</exception>
    /// <exception cref="OperationCanceledException">The options' cancellation token was cancelled.</exception>
    public NeuralTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _options.CancellationToken.ThrowIfCancellationRequested();
        CheckSchema(input.Schema, nameof(input));
        var host = ((IHostEnvironment)_context).Register(_options.MethodName);
        using var channel = host.Start("Fit");
        var rows = DenseLabeledRows.Load(input, _options.FeatureColumnName, _options.LabelColumnName, LabelTask.Multiclass);
        rows.Labels.EnsureTrainable(_options.LabelColumnName, nameof(input));
        int seed = _options.Seed ?? host.Rand.Next();
        if (_options.CheckDistributionShift)
        {
            var shift = DistributionShiftCheck.Run(_context, _options.FeatureColumnName, rows.Features, rows.Dimension, rows.Labels.Classes,
                new DistributionShiftOptions { CancellationToken = _options.CancellationToken }, new Random(seed));
            SemiSupervisedCatalog.Log(channel, shift);
        }
        var catalog = rows.Labels.Catalog;
        var scaling = FeatureScaling.Fit(rows.Features, rows.Dimension, oneForAll: _options.ImageHeight is not null);
        var features = new float[rows.Features.Length];
        scaling.Apply(rows.Features, features);
        var data = new NeuralTrainingData
        {
            Features = features,
            Dimension = rows.Dimension,
            Classes = rows.Labels.Classes,
            ClassCount = catalog.Count,
            Validation = LoadValidation(catalog, scaling),
        };
        var architecture = new NetworkArchitecture(_options.Network, rows.Dimension, catalog.Count,
            _options.Network == NeuralNetworkKind.MultilayerPerceptron ? _options.HiddenLayerSizes.ToArray() : _options.ConvolutionalChannels.ToArray(),
            _options.ImageHeight ?? 0, _options.ImageWidth ?? 0, _options.ImageHeight is null ? 0 : _options.ImageChannels);
        if (_options.NumberOfThreads is { } threads && torch.get_num_threads() != threads)
            torch.set_num_threads(threads);
        bool hasUnlabeled = rows.Labels.LabeledCount < rows.RowCount;
        if (!hasUnlabeled)
            channel.Warning(MessageSensitivity.None, $"{_options.MethodName}: label column '{_options.LabelColumnName}' has no unlabeled rows (NaN, missing key or empty text); the network trains on the labeled rows alone.");
        using var objective = CreateObjective(hasUnlabeled, rows.Labels.Classes, catalog.Count);
        var (network, report) = NeuralTrainer.Train(_options, architecture, data, objective, WeakAugmentation(), StrongAugmentation(), seed,
            message => channel.Info(MessageSensitivity.None, message));
        channel.Info(MessageSensitivity.None, report.ToString());
        WarnIfEvaluatorMisreads(channel, catalog);
        return new NeuralTransformer(_context, _options.FeatureColumnName, catalog, new NeuralModel(architecture, scaling, network), input.Schema, report);
    }

    /// <summary>The schema after the transformer: the input columns plus PredictedLabel (key) and Score (vector of Single).</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ShapeColumns.CheckFeature(inputSchema, _options.FeatureColumnName, nameof(inputSchema));
        ShapeColumns.CheckLabel(inputSchema, _options.LabelColumnName, nameof(inputSchema));
        return NeuralPipeline.ShapeOnly(_context, _options.FeatureColumnName).GetOutputSchema(inputSchema);
    }

    private void CheckSchema(DataViewSchema schema, string parameterName)
    {
        var type = LabeledTable.CheckFeatureColumn(schema, _options.FeatureColumnName);
        LabelColumnReader.CheckColumn(schema, _options.LabelColumnName);
        if (_options.ImageHeight is { } height && _options.ImageWidth is { } width)
        {
            long pixels = (long)height * width * _options.ImageChannels;
            if (type.Size != pixels)
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "Schema mismatch for feature column '{0}': expected Vector<Single, {1}> (ImageHeight {2} x ImageWidth {3} x ImageChannels {4}), got {5}. " +
                    "Set the image shape the vector holds, or leave ImageHeight and ImageWidth null for a vector that is not an image.",
                    _options.FeatureColumnName, pixels, height, width, _options.ImageChannels, type), parameterName);
            }
        }
    }

    /// <summary>The validation rows, standardized, with the training catalog's class numbers (unlabeled rows dropped).</summary>
    private (float[] Features, int[] Classes)? LoadValidation(ClassCatalog catalog, FeatureScaling scaling)
    {
        if (_options.ValidationData is not { } validation)
            return null;
        CheckSchema(validation.Schema, "ValidationData");
        var rows = DenseLabeledRows.Load(validation, _options.FeatureColumnName, _options.LabelColumnName, LabelTask.Multiclass);
        var index = Enumerable.Range(0, catalog.Count).ToDictionary(i => catalog.Names[i], i => i, StringComparer.Ordinal);
        var features = new List<float>();
        var classes = new List<int>();
        for (int r = 0; r < rows.RowCount; r++)
        {
            int c = rows.Labels.Classes[r];
            if (c < 0)
                continue;
            var name = rows.Labels.Catalog.Names[c];
            if (!index.TryGetValue(name, out int trained))
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "ValidationData's label column '{0}' holds class '{1}', which no labeled training row has. Validate on rows of the training classes.",
                    _options.LabelColumnName, name));
            }
            var scaled = new float[rows.Dimension];
            scaling.Apply(rows.Features.AsSpan(r * rows.Dimension, rows.Dimension), scaled);
            features.AddRange(scaled);
            classes.Add(trained);
        }
        if (classes.Count == 0)
            throw new ArgumentException(ErrorMessages.NoLabeledRows(_options.LabelColumnName) + " (in ValidationData)");
        return (features.ToArray(), classes.ToArray());
    }

    private SemiSupervisedObjective CreateObjective(bool hasUnlabeled, int[] classes, int classCount) => _options switch
    {
        FixMatchOptions o => new FixMatchObjective(o, hasUnlabeled, classes, classCount),
        MixMatchOptions o => new MixMatchObjective(o, hasUnlabeled, classCount),
        MeanTeacherOptions o => new MeanTeacherObjective(o, hasUnlabeled),
        PseudoLabelingOptions o => new PseudoLabelingObjective(o, hasUnlabeled),
        _ => throw new InvalidOperationException($"No loss for {_options.GetType().Name}."),
    };

    private Augmentation WeakAugmentation() => _options.WeakAugmentation
        ?? (_options.ImageHeight is not null ? new ImageShiftAugmentation() : new GaussianNoiseAugmentation());

    private Augmentation StrongAugmentation() => _options.StrongAugmentation
        ?? (_options.ImageHeight is not null
            ? new AugmentationSequence(new ImageShiftAugmentation(), new RandAugmentAugmentation(), new CutoutAugmentation { Size = NeuralDefaults.ImageCutoutSize })
            : new AugmentationSequence(new GaussianNoiseAugmentation(), new SwapNoiseAugmentation(), new FeatureMaskingAugmentation()));

    /// <summary>Warns when ML.NET's multiclass evaluator would read a Single label as other classes than the model's (not 0..K-1).</summary>
    private void WarnIfEvaluatorMisreads(IChannel channel, ClassCatalog classes)
    {
        if (classes.Kind is not (LabelKind.Single or LabelKind.Double) || EvaluatorLabelRule.AreClassIndexes(classes))
            return;
        channel.Warning(MessageSensitivity.None, string.Format(CultureInfo.InvariantCulture,
            "Label column '{0}' is numeric with classes {1}, not 0, 1, ..., {2}: mlContext.MulticlassClassification.Evaluate reads a " +
            "numeric label as the class index, so it would score these rows against the wrong classes of Score. To evaluate, add " +
            "mlContext.Transforms.Conversion.MapValueToKey(\"{0}\") before the estimator (the test rows are then keyed the same way).",
            _options.LabelColumnName, string.Join(", ", classes.Names.Take(10)) + (classes.Count > 10 ? ", ..." : ""), classes.Count - 1));
    }
}
