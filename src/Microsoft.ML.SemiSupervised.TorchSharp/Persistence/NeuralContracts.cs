namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// Every contract name this package writes into a saved model zip, in one place (as the core's
/// <c>Persistence/ModelContracts</c>). ML.NET stores the contract name of each custom mapping in the zip and finds the
/// factory with the same <c>CustomMappingFactoryAttribute</c> name on load. Frozen: a changed mapping gets a new name
/// with a new version suffix, and the old one stays (read only) while its zips must load; each format has a fixture
/// zip under test/data/ that a test loads.
/// </summary>
internal static class NeuralContracts
{
    // Neural networks, format version 1 (written now).

    /// <summary>Neural format v1: emits the constant key of the header.</summary>
    public const string ConstantKeyV1 = "Microsoft.ML.SemiSupervised.Neural.ConstantKey.v1";

    /// <summary>Neural format v1: emits the state key, 1 (full state) or 2 (empty: the network is in memory).</summary>
    public const string StateKeyV1 = "Microsoft.ML.SemiSupervised.Neural.StateKey.v1";

    /// <summary>Neural format v1: predicts, building the network from the first full state it receives.</summary>
    public const string PredictV1 = "Microsoft.ML.SemiSupervised.Neural.Predict.v1";
}
