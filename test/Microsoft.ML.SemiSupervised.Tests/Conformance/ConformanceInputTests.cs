using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.Conformance;

/// <summary>
/// The bad and unusual inputs every estimator meets (scikit-learn's check_estimator, for this library): each ends in
/// the documented behaviour or a clear exception that names the column and the fix. Runs over every
/// <see cref="EstimatorCatalog"/> case.
/// </summary>
public sealed class ConformanceInputTests
{
    private readonly MLContext _ml = new(1);

    [Theory]
    [MemberData(nameof(EstimatorCatalog.Cases), MemberType = typeof(EstimatorCatalog))]
    public void Fit_NoLabeledRows_RefusesNamingLabel(string name)
    {
        var c = EstimatorCatalog.Get(name);
        var data = c.Data().WithClasses((_, _) => -1).ToDataView(_ml);

        ConformanceAssert.Refuses(() => c.Build(_ml).Fit(data), "Label", "Label at least one row", $"{c}, no labeled rows");
    }

    [Theory]
    [MemberData(nameof(EstimatorCatalog.Cases), MemberType = typeof(EstimatorCatalog))]
    public void Fit_OneClassOnly_RefusesNamingLabel(string name)
    {
        var c = EstimatorCatalog.Get(name);
        var data = c.Data().WithClasses((_, k) => k >= 0 ? 0 : -1).ToDataView(_ml);

        ConformanceAssert.Refuses(() => c.Build(_ml).Fit(data), "Label", "second class", $"{c}, one labeled class");
    }

    [Theory]
    [MemberData(nameof(EstimatorCatalog.Cases), MemberType = typeof(EstimatorCatalog))]
    public void Fit_NoUnlabeledRows_WorksLikeSupervised(string name)
    {
        // Documented: with no unlabeled rows the estimator fits on the labeled rows alone (stop reason NoUnlabeledRows).
        var c = EstimatorCatalog.Get(name);
        var table = ConformanceTable.Clusters(c.ClassCount, labeledPerClass: 4, unlabeledPerClass: 0);
        var data = table.ToDataView(_ml);

        var model = c.Build(_ml).Fit(data);

        ConformanceAssert.PredictsLabeledRows(c, model, data, table, ConformanceLabelKind.Single);
    }

    [Theory]
    [MemberData(nameof(EstimatorCatalog.Cases), MemberType = typeof(EstimatorCatalog))]
    public void Fit_NaNFeature_RefusesNamingFeatures(string name)
    {
        var c = EstimatorCatalog.Get(name);
        var data = c.Data().WithFeatures((row, f) => { if (row == 5) f[2] = float.NaN; return f; }).ToDataView(_ml);

        var e = ConformanceAssert.Refuses(() => c.Build(_ml).Fit(data), "Features", "ReplaceMissingValues", $"{c}, NaN feature");
        Assert.Contains("row 5 (slot 2)", e.Message);
    }

    [Theory]
    [MemberData(nameof(EstimatorCatalog.Cases), MemberType = typeof(EstimatorCatalog))]
    public void Fit_InfiniteFeature_RefusesNamingFeatures(string name)
    {
        var c = EstimatorCatalog.Get(name);
        var data = c.Data().WithFeatures((row, f) => { if (row == 4) f[1] = float.NegativeInfinity; return f; }).ToDataView(_ml);

        var e = ConformanceAssert.Refuses(() => c.Build(_ml).Fit(data), "Features", "filter", $"{c}, infinite feature");
        Assert.Contains("row 4 (slot 1)", e.Message);
    }

    [Theory]
    [MemberData(nameof(EstimatorCatalog.Cases), MemberType = typeof(EstimatorCatalog))]
    public void Fit_HugeFiniteFeatures_WorkOrRefuseNamingFeatures(string name)
    {
        // Finite features near 1e20 (their squares overflow Single): the model must either learn the (well separated)
        // clusters with finite outputs, or refuse naming the column and advising to normalize. Never a crash or NaN.
        var c = EstimatorCatalog.Get(name);
        var table = c.Data().WithFeatures((_, f) => f.Select(v => (v + 1) * 1e20f).ToArray());
        var data = table.ToDataView(_ml);

        ITransformer? model = null;
        var e = Record.Exception(() => model = c.Build(_ml).Fit(data));
        if (e is not null)
        {
            ConformanceAssert.Refuses(() => throw e, "Features", "Normalize", $"{c}, features near 1e20");
            return;
        }
        ConformanceAssert.PredictsLabeledRows(c, model!, data, table, ConformanceLabelKind.Single);
        var scored = model!.Transform(data);
        foreach (var column in c.OutputColumns.Where(o => o != c.PredictedLabelColumn))
            Assert.All(EstimatorConformance.Values(scored, column), v => Assert.DoesNotContain("NaN", v));
    }

    [Theory]
    [MemberData(nameof(EstimatorCatalog.Cases), MemberType = typeof(EstimatorCatalog))]
    public void FitAndSchema_VariableSizeFeatures_RefuseNamingFeatures(string name)
    {
        var c = EstimatorCatalog.Get(name);
        var data = c.Data().ToDataView(_ml, variableSize: true);
        var estimator = c.Build(_ml);

        ConformanceAssert.Refuses(() => estimator.Fit(data), "Features", "Concatenate", $"{c}, variable-size features, Fit");
        ConformanceAssert.Refuses(() => estimator.GetOutputSchema(EstimatorConformance.ShapeOf(data.Schema)), "Features", "Concatenate", $"{c}, variable-size features, GetOutputSchema");
    }

    [Theory]
    [MemberData(nameof(EstimatorCatalog.Cases), MemberType = typeof(EstimatorCatalog))]
    public void FitAndSchema_MissingFeatureColumn_RefuseNamingIt(string name)
    {
        var c = EstimatorCatalog.Get(name);
        var data = c.Data().ToDataView(_ml);
        var estimator = c.Build(_ml, new ConformanceSettings(FeatureColumnName: "Pixels"));

        ConformanceAssert.Refuses(() => estimator.Fit(data), "Pixels", "earlier in the pipeline", $"{c}, missing feature column, Fit");
        ConformanceAssert.Refuses(() => estimator.GetOutputSchema(EstimatorConformance.ShapeOf(data.Schema)), "Pixels", "earlier in the pipeline", $"{c}, missing feature column, GetOutputSchema");
    }

    [Theory]
    [MemberData(nameof(EstimatorCatalog.Cases), MemberType = typeof(EstimatorCatalog))]
    public void FitAndSchema_MissingLabelColumn_RefuseNamingIt(string name)
    {
        var c = EstimatorCatalog.Get(name);
        var data = c.Data().ToDataView(_ml);
        var estimator = c.Build(_ml, new ConformanceSettings(LabelColumnName: "Target"));

        ConformanceAssert.Refuses(() => estimator.Fit(data), "Target", "earlier in the pipeline", $"{c}, missing label column, Fit");
        ConformanceAssert.Refuses(() => estimator.GetOutputSchema(EstimatorConformance.ShapeOf(data.Schema)), "Target", "earlier in the pipeline", $"{c}, missing label column, GetOutputSchema");
    }

    [Theory]
    [MemberData(nameof(EstimatorCatalog.CasesAndLabelKinds), MemberType = typeof(EstimatorCatalog))]
    public void FitAndSchema_EveryLabelKind_WorksOrRefusesNamingLabel(string name, ConformanceLabelKind kind)
    {
        // A Boolean label cannot mark a row unlabeled: it gets two classes, every row labeled. (The schema each accepted
        // kind gives is checked by ConformanceModelTests.GetOutputSchema_BeforeFit_IsTheSchemaAfterFit.)
        var c = EstimatorCatalog.Get(name);
        var table = kind == ConformanceLabelKind.Boolean ? ConformanceTable.Clusters(2, labeledPerClass: 4, unlabeledPerClass: 0) : c.Data();
        var data = table.ToDataView(_ml, kind);
        var estimator = c.Build(_ml);

        if (!c.AcceptedLabelKinds.Contains(kind))
        {
            string fix = kind == ConformanceLabelKind.Boolean ? "NaN" : "MapValueToKey";
            ConformanceAssert.Refuses(() => estimator.Fit(data), "Label", fix, $"{c}, {kind} label, Fit");
            ConformanceAssert.Refuses(() => estimator.GetOutputSchema(EstimatorConformance.ShapeOf(data.Schema)), "Label", fix, $"{c}, {kind} label, GetOutputSchema");
            return;
        }
        var model = estimator.Fit(data);
        ConformanceAssert.PredictsLabeledRows(c, model, data, table, kind);
    }

    [Theory]
    [MemberData(nameof(EstimatorCatalog.Cases), MemberType = typeof(EstimatorCatalog))]
    public void Fit_EmptyData_RefusesNamingColumns(string name)
    {
        var c = EstimatorCatalog.Get(name);
        var data = c.Data().Take(0).ToDataView(_ml);

        var e = ConformanceAssert.Refuses(() => c.Build(_ml).Fit(data), "Label", "data source", $"{c}, zero rows");
        Assert.Contains("no rows", e.Message);
    }

    [Theory]
    [MemberData(nameof(EstimatorCatalog.Cases), MemberType = typeof(EstimatorCatalog))]
    public void Fit_OneRow_RefusesNamingLabel(string name)
    {
        // One (labeled) row is one class: a classifier cannot learn from it.
        var c = EstimatorCatalog.Get(name);
        var data = c.Data().Take(1).ToDataView(_ml);

        ConformanceAssert.Refuses(() => c.Build(_ml).Fit(data), "Label", "second class", $"{c}, one row");
    }

    [Theory]
    [MemberData(nameof(EstimatorCatalog.Cases), MemberType = typeof(EstimatorCatalog))]
    public void Fit_DuplicateRows_EveryCopyKeepsItsLabel(string name)
    {
        // Every row twice, and one unlabeled copy of a labeled row: labeled rows (and that copy) keep their class. (With
        // each row's copy among its neighbours, a graph may leave some unlabeled rows unreached, as documented.)
        var c = EstimatorCatalog.Get(name);
        var doubled = c.Data().Doubled();
        var table = doubled.WithClasses((row, k) => row == 1 ? -1 : k);
        var data = table.ToDataView(_ml);

        var model = c.Build(_ml).Fit(data);

        ConformanceAssert.PredictsLabeledRows(c, model, data, table, ConformanceLabelKind.Single, everyRowGetsAClass: false);
        Assert.Equal(doubled.Classes[0], ConformanceAssert.PredictedClasses(c, model.Transform(data), table, ConformanceLabelKind.Single)[1]);
    }

    [Theory]
    [MemberData(nameof(EstimatorCatalog.Cases), MemberType = typeof(EstimatorCatalog))]
    public void Fit_ConstantFeature_Works(string name)
    {
        // A slot with one value in every row (zero variance) must not disturb learning from the others.
        var c = EstimatorCatalog.Get(name);
        var table = c.Data().WithFeatures((_, f) => f.Append(5f).ToArray());
        var data = table.ToDataView(_ml);

        var model = c.Build(_ml).Fit(data);

        ConformanceAssert.PredictsLabeledRows(c, model, data, table, ConformanceLabelKind.Single);
    }

    [Theory]
    [MemberData(nameof(EstimatorCatalog.Cases), MemberType = typeof(EstimatorCatalog))]
    public void Fit_AllRowsIdentical_GivesFiniteOutputsOrRefuses(string name)
    {
        // Every row has the same features: nothing tells the classes apart. The model may predict any class, but its
        // outputs must be finite (no NaN from a zero variance or distance), or the fit must refuse naming the features.
        var c = EstimatorCatalog.Get(name);
        var table = c.Data().WithFeatures((_, f) => f.Select(_ => 1f).ToArray());
        var data = table.ToDataView(_ml);

        ITransformer? model = null;
        var e = Record.Exception(() => model = c.Build(_ml).Fit(data));
        if (e is not null)
        {
            ConformanceAssert.Refuses(() => throw e, "Features", "identical", $"{c}, identical rows");
            return;
        }
        var scored = model!.Transform(data);
        foreach (var column in c.OutputColumns.Where(o => o != c.PredictedLabelColumn))
            Assert.All(EstimatorConformance.Values(scored, column), v => Assert.DoesNotContain("NaN", v));
    }
}
