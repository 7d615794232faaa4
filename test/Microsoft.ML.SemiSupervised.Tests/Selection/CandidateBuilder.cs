using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Confidence;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Selection;

namespace Microsoft.ML.SemiSupervised.Tests.Selection;

/// <summary>Hand-built <see cref="PseudoLabelCandidates"/>: labeled rows first, then the candidates with their predictions.</summary>
internal static class CandidateBuilder
{
    /// <summary>Candidates without features (one zero feature each), the labeled class counts given as shares.</summary>
    public static PseudoLabelCandidates Of(int[] labeledClassCounts, params (int Class, float Confidence)[] predictions) =>
        Build(Array.Empty<(int, float[])>(), predictions.Select(p => (p.Class, p.Confidence, new[] { 0f })).ToArray(), labeledClassCounts);

    /// <summary>Labeled rows with their class and features, candidates with their prediction and features.</summary>
    public static PseudoLabelCandidates Build((int Class, float[] Features)[] labeled, (int Class, float Confidence, float[] Features)[] candidates, int[]? labeledClassCounts = null)
    {
        int classCount = labeled.Select(l => l.Class).Concat(candidates.Select(c => c.Class)).Max() + 1;
        labeledClassCounts ??= Enumerable.Range(0, classCount).Select(c => labeled.Count(l => l.Class == c)).ToArray();
        var labels = labeled.Select(l => l.Class).Concat(candidates.Select(_ => -1)).ToArray();
        var vectors = labeled.Select(l => l.Features).Concat(candidates.Select(c => c.Features)).Select(f => new VBuffer<float>(f.Length, f)).ToArray();
        int dimension = vectors[0].Length;
        var features = new FeatureRows("Features", new VectorDataViewType(NumberDataViewType.Single, dimension), DataViewSchema.Annotations.Empty, vectors);
        var pool = Enumerable.Range(labeled.Length, candidates.Length).ToList();
        var predictions = candidates.Select(c => new ClassPrediction(c.Class, c.Confidence)).ToArray();
        return new PseudoLabelCandidates(1, pool.AsReadOnly(), new ArraySegment<ClassPrediction>(predictions), Enumerable.Range(0, labeled.Length).ToArray(),
            labels, features, labeledClassCounts, new Random(1));
    }
}
