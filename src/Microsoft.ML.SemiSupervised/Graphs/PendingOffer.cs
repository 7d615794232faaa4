namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>An offer of <see cref="Candidate"/> at <see cref="Distance"/> to row <see cref="Target"/>'s neighbour list (12 bytes).</summary>
internal readonly record struct PendingOffer(int Target, int Candidate, float Distance);
