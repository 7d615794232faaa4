namespace Microsoft.ML.SemiSupervised.Tests.Conformance;

/// <summary>
/// The theory data the conformance tests draw from <see cref="EstimatorCatalog.All"/>. Shared: the neural test project
/// links this file (and the conformance tests) beside its own <c>EstimatorCatalog</c> part listing the neural cases.
/// </summary>
public static partial class EstimatorCatalog
{
    /// <summary>Every case, for a theory.</summary>
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in All)
            data.Add(c.Name);
        return data;
    }

    /// <summary>Every case whose model is multiclass (graph labelings included), for a theory.</summary>
    public static TheoryData<string> MulticlassCases()
    {
        var data = new TheoryData<string>();
        foreach (var c in All.Where(c => c.Task != ConformanceTask.Binary))
            data.Add(c.Name);
        return data;
    }

    /// <summary>Every case with every label kind, for a theory.</summary>
    public static TheoryData<string, ConformanceLabelKind> CasesAndLabelKinds()
    {
        var data = new TheoryData<string, ConformanceLabelKind>();
        foreach (var c in All)
        {
            foreach (var kind in Enum.GetValues<ConformanceLabelKind>())
                data.Add(c.Name, kind);
        }
        return data;
    }

    /// <summary>Every case with every label kind it accepts, for a theory.</summary>
    public static TheoryData<string, ConformanceLabelKind> CasesAndAcceptedLabelKinds()
    {
        var data = new TheoryData<string, ConformanceLabelKind>();
        foreach (var c in All)
        {
            foreach (var kind in c.AcceptedLabelKinds)
                data.Add(c.Name, kind);
        }
        return data;
    }

    /// <summary>The case named <paramref name="name"/> (theories pass names, which show in test results).</summary>
    public static ConformanceCase Get(string name) => All.Single(c => c.Name == name);
}
