namespace Microsoft.ML.SemiSupervised.Persistence;

/// <summary>
/// Every contract name this library writes into a saved model zip, in one place. ML.NET stores the contract name of
/// each custom mapping in the zip and, on <c>mlContext.Model.Load</c>, finds the factory whose
/// <c>CustomMappingFactoryAttribute</c> carries the same name in this assembly. These strings are frozen: changing
/// one byte makes every zip saved with it unloadable. A changed mapping gets a new name with a new version suffix,
/// and the old name stays here (read only) for as long as its zips must load. A test
/// (<c>ModelContractsTests</c>) checks that every factory in the assembly uses a name declared here and that every
/// name here has a factory; every saved format has a fixture zip under test/data/ that a test loads.
/// </summary>
internal static class ModelContracts
{
    // Label spreading / propagation, format version 1 (read only: no longer written since version 2).

    /// <summary>Label propagation format v1 (read only): emits the constant key of the saved state.</summary>
    public const string LabelPropagationStateKeyV1 = "Microsoft.ML.SemiSupervised.LabelPropagation.StateKey.v1";

    /// <summary>Label propagation format v1 (read only): predicts from the whole state every row carries.</summary>
    public const string LabelPropagationPredictV1 = "Microsoft.ML.SemiSupervised.LabelPropagation.Predict.v1";

    // Label spreading / propagation, format version 2 (read only: no longer written since version 3).

    /// <summary>Label propagation format v2: emits the constant key of the header.</summary>
    public const string LabelPropagationConstantKeyV2 = "Microsoft.ML.SemiSupervised.LabelPropagation.ConstantKey.v2";

    /// <summary>Label propagation format v2: emits the state key, 1 (full state) or 2 (empty: the model is in memory).</summary>
    public const string LabelPropagationStateKeyV2 = "Microsoft.ML.SemiSupervised.LabelPropagation.StateKey.v2";

    /// <summary>Label propagation format v2: predicts, building the model from the first full state it receives.</summary>
    public const string LabelPropagationPredictV2 = "Microsoft.ML.SemiSupervised.LabelPropagation.Predict.v2";

    // Label spreading / propagation, format version 3 (written now): the state may carry the search index for new rows.

    /// <summary>Label propagation format v3: emits the constant key of the header.</summary>
    public const string LabelPropagationConstantKeyV3 = "Microsoft.ML.SemiSupervised.LabelPropagation.ConstantKey.v3";

    /// <summary>Label propagation format v3: emits the state key, 1 (full state) or 2 (empty: the model is in memory).</summary>
    public const string LabelPropagationStateKeyV3 = "Microsoft.ML.SemiSupervised.LabelPropagation.StateKey.v3";

    /// <summary>Label propagation format v3: predicts, building the model (and its search index) from the first full state it receives.</summary>
    public const string LabelPropagationPredictV3 = "Microsoft.ML.SemiSupervised.LabelPropagation.Predict.v3";

    // Label spreading / propagation over sparse features, sparse format version 1 (written now): a sibling of the
    // dense format whose mappings read each row's features sparse (LabelPropagationSparseModelFormat).

    /// <summary>Label propagation, sparse format v1: emits the constant key of the header (reads the features sparse).</summary>
    public const string LabelPropagationSparseConstantKeyV1 = "Microsoft.ML.SemiSupervised.LabelPropagation.Sparse.ConstantKey.v1";

    /// <summary>Label propagation, sparse format v1: emits the state key, 1 (full state) or 2 (empty: the model is in memory).</summary>
    public const string LabelPropagationSparseStateKeyV1 = "Microsoft.ML.SemiSupervised.LabelPropagation.Sparse.StateKey.v1";

    /// <summary>Label propagation, sparse format v1: predicts, building the model (its inverted index rebuilt) from the first full state it receives.</summary>
    public const string LabelPropagationSparsePredictV1 = "Microsoft.ML.SemiSupervised.LabelPropagation.Sparse.Predict.v1";

    // Label spreading / propagation with Metric = Cosine, version 1 (written now): the step before the model's own
    // mappings (of any format version) that scales each row's features to unit length.

    /// <summary>Label propagation, cosine metric, v1: scales the features to unit length (a row of zeros to NaN) before the model.</summary>
    public const string LabelPropagationUnitLengthV1 = "Microsoft.ML.SemiSupervised.LabelPropagation.UnitLength.v1";

    // Co-training, format version 1 (written now): the combination of the two views' probabilities.

    /// <summary>Co-training format v1: binary, normalized product of the two views' probabilities.</summary>
    public const string CoTrainingBinaryProductV1 = "Microsoft.ML.SemiSupervised.CoTraining.BinaryProduct.v1";

    /// <summary>Co-training format v1: binary, mean of the two views' probabilities.</summary>
    public const string CoTrainingBinaryMeanV1 = "Microsoft.ML.SemiSupervised.CoTraining.BinaryMean.v1";

    /// <summary>Co-training format v1: multiclass, normalized product of the two views' distributions.</summary>
    public const string CoTrainingMulticlassProductV1 = "Microsoft.ML.SemiSupervised.CoTraining.MulticlassProduct.v1";

    /// <summary>Co-training format v1: multiclass, mean of the two views' distributions.</summary>
    public const string CoTrainingMulticlassMeanV1 = "Microsoft.ML.SemiSupervised.CoTraining.MulticlassMean.v1";

    // Tri-training, format version 1 (written now): the majority vote of the three members.

    /// <summary>Tri-training format v1: binary majority vote of the three members.</summary>
    public const string TriTrainingBinaryVoteV1 = "Microsoft.ML.SemiSupervised.TriTraining.BinaryVote.v1";

    /// <summary>Tri-training format v1: multiclass majority vote of the three members.</summary>
    public const string TriTrainingMulticlassVoteV1 = "Microsoft.ML.SemiSupervised.TriTraining.MulticlassVote.v1";

    // Reports, format version 1 (written now): the fit's report, a piece of its own at the end of any saved model
    // of label propagation, co-training or tri-training, apart from the model's own format.

    /// <summary>Report format v1: emits the constant key under which the saved report text is looked up.</summary>
    public const string ReportKeyV1 = "Microsoft.ML.SemiSupervised.Report.ConstantKey.v1";
}
