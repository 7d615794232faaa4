using System.Reflection;
using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Tests.Conformance;

/// <summary>Keeps <see cref="EstimatorCatalog"/> complete: every catalog method that returns an estimator has a case, and every case a method.</summary>
public sealed class EstimatorCatalogTests
{
    [Fact]
    public void EveryCatalogEntryPoint_HasAConformanceCase()
    {
        var covered = EstimatorCatalog.All.Select(c => c.Name).ToHashSet();
        var missing = EntryPoints().Where(e => !covered.Contains(e.Case)).Select(e => $"{e.Case}: {e.Signature}").ToArray();

        Assert.True(missing.Length == 0,
            "These SemiSupervisedCatalog entry points have no case in EstimatorCatalog (add one): " + string.Join("; ", missing));
    }

    [Fact]
    public void EveryConformanceCase_NamesACatalogEntryPoint()
    {
        var entryPoints = EntryPoints().Select(e => e.Case).ToHashSet();
        var stale = EstimatorCatalog.All.Select(c => c.Name).Where(n => !entryPoints.Contains(n)).ToArray();

        Assert.True(stale.Length == 0, "These EstimatorCatalog cases name no SemiSupervisedCatalog method: " + string.Join(", ", stale));
        Assert.Equal(EstimatorCatalog.All.Count, EstimatorCatalog.All.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public void EntryPoints_FindsEveryKnownEstimator()
    {
        // The reflection must see the entry points the catalog has today, or the completeness test proves nothing.
        var found = EntryPoints().Select(e => e.Case).ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "SelfTraining(Binary)", "SelfTraining(Multiclass)", "LabelSpreading(GraphLabeling)", "LabelPropagation(GraphLabeling)",
            "CoTraining(Binary)", "CoTraining(Multiclass)", "TriTraining(Binary)", "TriTraining(Multiclass)", "Auto(Binary)", "Auto(Multiclass)",
        }, found);
        Assert.DoesNotContain(found, f => f.StartsWith("Evaluate", StringComparison.Ordinal) || f.StartsWith("CheckDistributionShift", StringComparison.Ordinal));
    }

    /// <summary>
    /// Every public method of the catalog whose return type is an <see cref="IEstimator{TTransformer}"/>, as the case
    /// that must cover it: the method's name and its task (binary or multiclass by the prediction transformer its
    /// trainer parameters produce, graph labeling when it takes no trainer).
    /// </summary>
    private static IEnumerable<(string Case, string Signature)> EntryPoints() =>
        typeof(SemiSupervisedCatalog).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => ImplementsEstimator(m.ReturnType))
            .Select(m => ($"{m.Name}({TaskOf(m)})", m.ToString()!));

    private static bool ImplementsEstimator(Type type) =>
        type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEstimator<>));

    private static ConformanceTask TaskOf(MethodInfo method)
    {
        var mentioned = method.GetParameters().SelectMany(p => TypesIn(p.ParameterType)).Append(method.ReturnType).SelectMany(TypesIn).ToArray();
        if (mentioned.Any(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(BinaryPredictionTransformer<>)))
            return ConformanceTask.Binary;
        if (mentioned.Any(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(MulticlassPredictionTransformer<>)))
            return ConformanceTask.Multiclass;
        return ConformanceTask.GraphLabeling;
    }

    private static IEnumerable<Type> TypesIn(Type type) =>
        type.IsGenericType ? type.GetGenericArguments().SelectMany(TypesIn).Prepend(type) : [type];
}
