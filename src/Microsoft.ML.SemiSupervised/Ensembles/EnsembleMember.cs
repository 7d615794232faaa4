namespace Microsoft.ML.SemiSupervised.Ensembles;

/// <summary>
/// One fitted member of a co-training or tri-training model: its classifier (calibrated when it gave no
/// probability), the feature column it reads and, for a view cut from a wider column, which slots of that column.
/// </summary>
/// <param name="Model">The member's fitted classifier.</param>
/// <param name="FeatureColumnName">The feature column the classifier reads.</param>
/// <param name="SourceColumnName">The user's column the features come from.</param>
/// <param name="SourceDimension">The number of slots of the source column.</param>
/// <param name="Slots">The source column's slots the member reads, ascending, or null for the whole column.</param>
internal sealed record EnsembleMember(ITransformer Model, string FeatureColumnName, string SourceColumnName, int SourceDimension, int[]? Slots);
