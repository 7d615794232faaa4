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

    /// <summary>
    /// The convolutional network of <see cref="Convolutional"/>, but its last feature map is flattened into the linear layer
    /// to the classes instead of averaged over the image: the output layer sees where in the image each feature is (for
    /// 28x28 images and three entries of <see cref="NeuralNetworkOptions.ConvolutionalChannels"/>, a 7x7 map). It adds
    /// few multiply-adds (7 x 7 x 32 x 10 for channels [8, 16, 32]) and learns silhouettes the average loses.
    /// </summary>
    ConvolutionalFlattened = 2,
}
