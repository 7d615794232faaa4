namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>The network a neural semi-supervised estimator trains.</summary>
public enum NeuralNetworkKind
{
    /// <summary>
    /// A multilayer perceptron: <see cref="NeuralNetworkOptions.HiddenLayerSizes"/> fully connected layers, each
    /// followed by batch normalization and ReLU, then a linear layer to the classes. Fits any known-size vector.
    /// </summary>
    MultilayerPerceptron = 0,

    /// <summary>
    /// A small convolutional network for images (<see cref="NeuralNetworkOptions.ImageHeight"/>,
    /// <see cref="NeuralNetworkOptions.ImageWidth"/>, <see cref="NeuralNetworkOptions.ImageChannels"/>): a 3x3 convolution
    /// with batch normalization and ReLU for each of <see cref="NeuralNetworkOptions.ConvolutionalChannels"/> (16, 32, 64 by
    /// default, max pooling between), global average pooling and a linear layer to the classes.
    /// </summary>
    Convolutional = 1,
}
