using System.Globalization;
using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// The options every neural semi-supervised method shares: the network, the optimizer and its schedule, the
/// augmentations, the weight average, early stopping and progress. One iteration
/// (<see cref="SemiSupervisedOptionsBase.MaximumNumberOfIterations"/>) is one epoch.
/// </summary>
/// <remarks>
/// An epoch is as many steps as it takes to draw every unlabeled row once (<see cref="BatchSize"/> times the method's
/// unlabeled ratio per step), and at least one pass over the labeled rows. Each step draws <see cref="BatchSize"/>
/// labeled rows and the method's share of unlabeled rows, in an order fixed by the seed. The optimizer is SGD with
/// Nesterov momentum and weight decay, with the cosine learning-rate decay of FixMatch (<c>LearningRate * cos(7 pi k / 16 K)</c>
/// at step k of K). The features are standardized with the training rows' mean and deviation (per feature for a
/// vector, one mean and deviation for an image); the augmentations work on the standardized rows.
/// </remarks>
public abstract class NeuralNetworkOptions : SemiSupervisedOptionsBase
{
    private protected NeuralNetworkOptions()
        : base(NeuralDefaults.NumberOfEpochs, minimumNumberOfIterations: 1)
    {
    }

    /// <summary>The network: a multilayer perceptron, or a small convolutional network for images.</summary>
    /// <value>The default value is <see cref="NeuralNetworkKind.MultilayerPerceptron"/>.</value>
    public NeuralNetworkKind Network { get; set; } = NeuralNetworkKind.MultilayerPerceptron;

    /// <summary>The sizes of the perceptron's hidden layers (each followed by batch normalization and ReLU); at least one, each positive.</summary>
    /// <value>The default value is [256, 256].</value>
    public int[] HiddenLayerSizes { get; set; } = [NeuralDefaults.HiddenLayerSize, NeuralDefaults.HiddenLayerSize];

    /// <summary>
    /// The convolutional network's channels: one 3x3 convolution (with batch normalization and ReLU) per entry, 2x2 max
    /// pooling between them while the image is at least 4 pixels on each side, then global average pooling and a linear
    /// layer to the classes; at least one, each positive. Used when <see cref="Network"/> is
    /// <see cref="NeuralNetworkKind.Convolutional"/>. The default costs about 1.9 million multiply-adds for a 28x28 image.
    /// </summary>
    /// <value>The default value is [16, 32, 64].</value>
    public int[] ConvolutionalChannels { get; set; } = [.. NeuralDefaults.ConvolutionalChannels];

    /// <summary>
    /// The image height in pixels when the feature vector is an image (ML.NET's <c>ExtractPixels</c> layout: channel
    /// after channel, row after row), or null when it is not. Set with <see cref="ImageWidth"/>; the vector's size must
    /// be height x width x channels. An image gets image augmentations, and may use the convolutional network.
    /// </summary>
    /// <value>The default value is null.</value>
    public int? ImageHeight { get; set; }

    /// <summary>The image width in pixels, or null when the vector is not an image (see <see cref="ImageHeight"/>).</summary>
    /// <value>The default value is null.</value>
    public int? ImageWidth { get; set; }

    /// <summary>The image's channels (1 for grey, 3 for colour); used when <see cref="ImageHeight"/> is set.</summary>
    /// <value>The default value is 1.</value>
    public int ImageChannels { get; set; } = 1;

    /// <summary>The labeled rows per step; the method's unlabeled ratio times as many unlabeled rows join them.</summary>
    /// <value>The default value is 32.</value>
    public int BatchSize { get; set; } = NeuralDefaults.BatchSize;

    /// <summary>The initial learning rate of SGD, decayed by a cosine over the steps.</summary>
    /// <value>The default value is 0.03 (FixMatch's).</value>
    public double LearningRate { get; set; } = NeuralDefaults.LearningRate;

    /// <summary>The Nesterov momentum of SGD, in [0, 1).</summary>
    /// <value>The default value is 0.9.</value>
    public double Momentum { get; set; } = NeuralDefaults.Momentum;

    /// <summary>The L2 weight decay of SGD, non-negative.</summary>
    /// <value>The default value is 0.0005 (FixMatch's).</value>
    public double WeightDecay { get; set; } = NeuralDefaults.WeightDecay;

    /// <summary>
    /// The decay of the exponential moving average of the weights that becomes the final model (as in the papers),
    /// in [0, 1); 0 keeps the last weights. Early in training the average uses <c>min(decay, (1 + t) / (10 + t))</c> at step t.
    /// </summary>
    /// <value>The default value is 0.999.</value>
    public double ExponentialMovingAverageDecay { get; set; } = NeuralDefaults.ExponentialMovingAverageDecay;

    /// <summary>
    /// The weak augmentation, applied to the labeled rows (and, in FixMatch, to the rows that make the pseudo-labels), or
    /// null for the default: for an image, <see cref="ImageShiftAugmentation"/> (up to an eighth of the side); for a
    /// vector, <see cref="GaussianNoiseAugmentation"/> (0.1 standard deviation of each feature).
    /// </summary>
    /// <value>The default value is null (the default above).</value>
    public Augmentation? WeakAugmentation { get; set; }

    /// <summary>
    /// The strong augmentation (FixMatch's prediction side), or null for the default: for an image, a shift then
    /// <see cref="RandAugmentAugmentation"/> then <see cref="CutoutAugmentation"/>; for a vector, Gaussian noise,
    /// <see cref="SwapNoiseAugmentation"/> and <see cref="FeatureMaskingAugmentation"/>.
    /// </summary>
    /// <value>The default value is null (the default above).</value>
    public Augmentation? StrongAugmentation { get; set; }

    /// <summary>
    /// Labeled rows for early stopping, or null for none: the model (the weight average) is scored on them after each
    /// epoch; training stops after <see cref="ValidationPatience"/> epochs without a better accuracy and keeps the best
    /// epoch's weights. Same columns as the training data; unlabeled rows in it are ignored.
    /// </summary>
    /// <value>The default value is null.</value>
    public IDataView? ValidationData { get; set; }

    /// <summary>The epochs without a better validation accuracy after which training stops; used with <see cref="ValidationData"/>. Must be positive.</summary>
    /// <value>The default value is 10.</value>
    public int ValidationPatience { get; set; } = (int)NeuralDefaults.ValidationPatience;

    /// <summary>
    /// The threads LibTorch uses (<c>torch.set_num_threads</c>, a process-wide setting), or null to leave LibTorch's own
    /// choice. A seeded run repeats exactly on the same kind of processor (LibTorch and MKL choose their kernels by
    /// processor) with the same number of threads.
    /// </summary>
    /// <value>The default value is null.</value>
    public int? NumberOfThreads { get; set; }

    /// <summary>Called after each epoch with its losses and statistics, for progress reporting.</summary>
    /// <value>The default value is null.</value>
    public Action<NeuralEpoch>? IterationCompleted { get; set; }

    /// <summary>
    /// For the Fashion-MNIST runner, measured and not offered (-0.02 to +0.15 points, docs/neural-networks.md): recompute
    /// batch normalization's statistics of the final network on the plain training rows after training
    /// (<see cref="BatchNormalizationRecalibration"/>), before the last epoch's validation.
    /// </summary>
    internal bool RecalibrateBatchNormalization { get; set; }

    /// <summary>For tests: the true class of each training row (-1 unknown), to report the pseudo-labels' accuracy.</summary>
    internal int[]? TrueClasses { get; set; }

    /// <summary>The method's name in messages and logs ("FixMatch").</summary>
    internal abstract string MethodName { get; }

    /// <summary>The unlabeled rows per labeled row in a step.</summary>
    internal abstract int UnlabeledRowsPerLabeledRow { get; }

    /// <summary>A copy of these options (the estimator keeps its own).</summary>
    internal abstract NeuralNetworkOptions Clone();

    /// <summary>Checks every option and throws one exception listing all the invalid ones.</summary>
    /// <exception cref="ArgumentException">One or more options are invalid.</exception>
    internal void Validate()
    {
        var errors = new OptionErrors();
        ValidateShared(errors);
        errors.Check(Enum.IsDefined(Network), $"Network must be MultilayerPerceptron, Convolutional or ConvolutionalFlattened; got {Network}.");
        errors.Check(HiddenLayerSizes is { Length: > 0 } && HiddenLayerSizes.All(s => s > 0),
            $"HiddenLayerSizes must hold at least one size, each positive; got [{string.Join(", ", HiddenLayerSizes ?? [])}].");
        errors.Check(ConvolutionalChannels is { Length: > 0 } && ConvolutionalChannels.All(c => c > 0),
            $"ConvolutionalChannels must hold at least one number of channels, each positive; got [{string.Join(", ", ConvolutionalChannels ?? [])}].");
        errors.Check(ImageHeight is null == ImageWidth is null, $"ImageHeight and ImageWidth must be set together; got {ImageHeight?.ToString(CultureInfo.InvariantCulture) ?? "null"} and {ImageWidth?.ToString(CultureInfo.InvariantCulture) ?? "null"}.");
        errors.Check(ImageHeight is null or > 0, $"ImageHeight must be positive; got {ImageHeight}.");
        errors.Check(ImageWidth is null or > 0, $"ImageWidth must be positive; got {ImageWidth}.");
        errors.Check(ImageChannels > 0, $"ImageChannels must be positive; got {ImageChannels}.");
        errors.Check(Network == NeuralNetworkKind.MultilayerPerceptron || ImageHeight is not null,
            $"Network is {Network}, but ImageHeight and ImageWidth are not set: set the image shape, or use MultilayerPerceptron.");
        errors.Check(BatchSize > 0, $"BatchSize must be positive; got {BatchSize}.");
        errors.Check(double.IsFinite(LearningRate) && LearningRate > 0, $"LearningRate must be positive; got {LearningRate}.");
        errors.Check(Momentum >= 0 && Momentum < 1, $"Momentum must be in [0, 1); got {Momentum}.");
        errors.Check(double.IsFinite(WeightDecay) && WeightDecay >= 0, $"WeightDecay must be non-negative; got {WeightDecay}.");
        errors.Check(ExponentialMovingAverageDecay >= 0 && ExponentialMovingAverageDecay < 1, $"ExponentialMovingAverageDecay must be in [0, 1); got {ExponentialMovingAverageDecay}.");
        errors.Check(ValidationPatience > 0, $"ValidationPatience must be positive; got {ValidationPatience}.");
        errors.Check(NumberOfThreads is null or > 0, $"NumberOfThreads must be null or positive; got {NumberOfThreads}.");
        errors.Check(MaximumNumberOfIterations is not null || ValidationData is not null,
            $"MaximumNumberOfIterations must be set (the number of epochs) unless ValidationData is given to stop early; got null.");
        ValidateMethod(errors);
        errors.ThrowIfAny(MethodName);
    }

    /// <summary>Checks the method's own options.</summary>
    private protected abstract void ValidateMethod(OptionErrors errors);

    /// <summary>Copies the shared options into <paramref name="copy"/> (for <see cref="Clone"/>).</summary>
    private protected T CopySharedTo<T>(T copy)
        where T : NeuralNetworkOptions
    {
        copy.LabelColumnName = LabelColumnName;
        copy.FeatureColumnName = FeatureColumnName;
        copy.MaximumNumberOfIterations = MaximumNumberOfIterations;
        copy.Seed = Seed;
        copy.CheckDistributionShift = CheckDistributionShift;
        copy.CancellationToken = CancellationToken;
        copy.Network = Network;
        copy.HiddenLayerSizes = HiddenLayerSizes?.ToArray()!;
        copy.ConvolutionalChannels = ConvolutionalChannels?.ToArray()!;
        copy.ImageHeight = ImageHeight;
        copy.ImageWidth = ImageWidth;
        copy.ImageChannels = ImageChannels;
        copy.BatchSize = BatchSize;
        copy.LearningRate = LearningRate;
        copy.Momentum = Momentum;
        copy.WeightDecay = WeightDecay;
        copy.ExponentialMovingAverageDecay = ExponentialMovingAverageDecay;
        copy.WeakAugmentation = WeakAugmentation;
        copy.StrongAugmentation = StrongAugmentation;
        copy.ValidationData = ValidationData;
        copy.ValidationPatience = ValidationPatience;
        copy.NumberOfThreads = NumberOfThreads;
        copy.IterationCompleted = IterationCompleted;
        copy.TrueClasses = TrueClasses;
        copy.RecalibrateBatchNormalization = RecalibrateBatchNormalization;
        return copy;
    }
}
