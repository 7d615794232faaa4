using System.Collections;
using System.Reflection;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.Conformance;

/// <summary>
/// What every estimator's fit and model must guarantee (scikit-learn's check_estimator, for this library): input data
/// and options untouched, options read at construction, repeatable fits, save/load, schema, single-row and
/// multi-threaded scoring identical to batch scoring, the report of the fit carried by the model, live and loaded.
/// Runs over every <see cref="EstimatorCatalog"/> case. The neural estimators (FixMatch, MixMatch, MeanTeacher,
/// PseudoLabeling; NeuralEstimator) run through this same file from test/Microsoft.ML.SemiSupervised.TorchSharp.Tests,
/// which links it and supplies its own cases (Conformance/NeuralEstimatorCatalog.cs), so the core tests need no LibTorch.
/// </summary>
public sealed class ConformanceModelTests
{
    [Theory]
    [MemberData(nameof(EstimatorCatalog.Cases), MemberType = typeof(EstimatorCatalog))]
    public void Fit_LeavesInputDataAndOptionsUnchanged(string name)
    {
        var c = EstimatorCatalog.Get(name);
        var ml = new MLContext(1);
        var data = c.Data().ToDataView(ml, ConformanceLabelKind.Key);
        var options = c.CreateOptions(new ConformanceSettings());
        var estimator = c.FromOptions(ml, options);
        var dataBefore = EstimatorConformance.Snapshot(data);
        var optionsBefore = OptionValues(options);

        var model = estimator.Fit(data);
        EstimatorConformance.SnapshotsEqual(dataBefore, EstimatorConformance.Snapshot(data));
        model.Transform(data).Preview();

        EstimatorConformance.SnapshotsEqual(dataBefore, EstimatorConformance.Snapshot(data));
        Assert.Equal(optionsBefore, OptionValues(options));
    }

    [Theory]
    [MemberData(nameof(EstimatorCatalog.MulticlassCases), MemberType = typeof(EstimatorCatalog))]
    public void MulticlassEvaluate_KeyLabel_ReadsTheModelsOutputsAsTheyAre(string name)
    {
        // Every multiclass model, graph labelings included, writes what ML.NET's multiclass evaluator reads: on the
        // labeled rows of a key label its accuracy is the share of rows whose PredictedLabel is the row's class.
        var c = EstimatorCatalog.Get(name);
        var ml = new MLContext(1);
        var table = c.Data();
        var data = table.ToDataView(ml, ConformanceLabelKind.Key);
        var scored = c.Build(ml).Fit(data).Transform(data);

        var metrics = ml.MulticlassClassification.Evaluate(ml.Data.FilterRowsByMissingValues(scored, "Label"));

        var predicted = ConformanceAssert.PredictedClasses(c, scored, table, ConformanceLabelKind.Key);
        var labeled = Enumerable.Range(0, table.Classes.Length).Where(r => table.Classes[r] >= 0).ToArray();
        Assert.NotEmpty(labeled);
        double byHand = (double)labeled.Count(r => predicted[r] == table.Classes[r]) / labeled.Length;
        Assert.Equal(byHand, metrics.MicroAccuracy, 12);
    }

    [Theory]
    [MemberData(nameof(EstimatorCatalog.Cases), MemberType = typeof(EstimatorCatalog))]
    public void Fit_OptionsChangedAfterConstruction_ChangeNothing(string name)
    {
        // The estimator copies its options when created: setting every option to something else (even invalid) after
        // that must not change what Fit does.
        var c = EstimatorCatalog.Get(name);
        var table = c.Data();
        var reference = Predictions(c, new MLContext(1), c.Build(new MLContext(1)), table);
        var ml = new MLContext(1);
        var options = c.CreateOptions(new ConformanceSettings());
        var estimator = c.FromOptions(ml, options);

        ChangeEveryOption(options);

        Assert.Equal(reference, Predictions(c, ml, estimator, table));
    }

    [Theory]
    [MemberData(nameof(EstimatorCatalog.Cases), MemberType = typeof(EstimatorCatalog))]
    public void Fit_SameSeed_WritesIdenticalModel(string name)
    {
        var c = EstimatorCatalog.Get(name);
        var first = Saved(c, new MLContext(7));
        var second = Saved(c, new MLContext(7));

        Assert.Equal(first.Keys, second.Keys);
        foreach (var (entry, bytes) in first)
            Assert.True(WithoutElapsedTime(bytes).AsSpan().SequenceEqual(WithoutElapsedTime(second[entry])), $"{c}: zip entry '{entry}' differs between two fits with the same seed");
    }

    // The one value a saved model may differ in between two fits with the same seed: the wall-clock time an Auto
    // report carries (AutoReport.Elapsed, saved as "elapsedTicks").
    private static byte[] WithoutElapsedTime(byte[] entry) => System.Text.Encoding.UTF8.GetBytes(System.Text.RegularExpressions.Regex.Replace(
        System.Text.Encoding.UTF8.GetString(entry), "\"elapsedTicks\":[0-9]+", "\"elapsedTicks\":(elapsed)"));

    [Theory]
    [MemberData(nameof(EstimatorCatalog.Cases), MemberType = typeof(EstimatorCatalog))]
    public void SaveLoad_FreshContext_IdenticalPredictions(string name)
    {
        var c = EstimatorCatalog.Get(name);
        var ml = new MLContext(1);
        var data = c.Data().ToDataView(ml);
        var model = c.Build(ml).Fit(data);

        EstimatorConformance.SaveLoadIdentical(ml, model, data, [.. c.OutputColumns]);
        // New rows too (a transductive model looks fitted rows up): each feature moved a little.
        var moved = c.Data().WithFeatures((_, f) => f.Select(v => v + 0.05f).ToArray()).ToDataView(ml);
        EstimatorConformance.SaveLoadIdentical(ml, model, moved, [.. c.OutputColumns]);
    }

    [Theory]
    [MemberData(nameof(EstimatorCatalog.Cases), MemberType = typeof(EstimatorCatalog))]
    public void SaveLoad_FreshContext_ModelCarriesTheReportOfItsFit(string name)
    {
        var c = EstimatorCatalog.Get(name);
        var ml = new MLContext(1);
        var data = c.Data().ToDataView(ml);
        var model = c.Build(ml).Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext(2).Model.Load(stream, out _);

        Type[] kinds = [typeof(ML.SemiSupervised.LabelPropagation.LabelPropagationReport), typeof(ML.SemiSupervised.CoTraining.CoTrainingReport),
            typeof(ML.SemiSupervised.TriTraining.TriTrainingReport), typeof(ML.SemiSupervised.Auto.AutoReport)];
        foreach (var kind in kinds)
        {
            var live = GetReport(ml, model, kind);
            var saved = GetReport(new MLContext(3), loaded, kind);
            if (kind != c.ReportType)
            {
                // Auto's model also carries the report its chosen model carries, if any: exactly that one.
                var chosen = model is ML.SemiSupervised.Auto.AutoTransformer auto ? GetReport(ml, auto.Model, kind) : null;
                Assert.Same(chosen, live);
                if (chosen is null)
                    Assert.Null(saved);
                else
                    Assert.Equal(ReportText.Describe(chosen), ReportText.Describe(saved!));
                continue;
            }
            Assert.Same(live, model.GetType().GetProperty("Report")!.GetValue(model));
            Assert.NotNull(saved);
            Assert.Equal(ReportText.Describe(live!), ReportText.Describe(saved!));
        }
    }

    [Theory]
    [MemberData(nameof(EstimatorCatalog.CasesAndAcceptedLabelKinds), MemberType = typeof(EstimatorCatalog))]
    public void GetOutputSchema_BeforeFit_IsTheSchemaAfterFit(string name, ConformanceLabelKind kind)
    {
        // Refused kinds: FitAndSchema_EveryLabelKind_WorksOrRefusesNamingLabel checks that both refuse.
        var c = EstimatorCatalog.Get(name);
        var ml = new MLContext(1);
        var table = kind == ConformanceLabelKind.Boolean ? ConformanceTable.Clusters(2, labeledPerClass: 4, unlabeledPerClass: 0) : c.Data();
        var data = table.ToDataView(ml, kind);
        var estimator = c.Build(ml);

        var predicted = estimator.GetOutputSchema(EstimatorConformance.ShapeOf(data.Schema));
        var model = estimator.Fit(data);

        EstimatorConformance.OutputSchemaMatches(estimator, model, data);
        Assert.Equal(c.OutputColumns.Order(), predicted.Select(p => p.Name).Except(data.Schema.Select(s => s.Name)).Order());
    }

    [Theory]
    [MemberData(nameof(EstimatorCatalog.Cases), MemberType = typeof(EstimatorCatalog))]
    public void PredictionEngine_EqualsBatchTransform(string name)
    {
        var c = EstimatorCatalog.Get(name);
        var ml = new MLContext(1);
        var table = c.Data();
        var data = table.ToDataView(ml);
        var model = c.Build(ml).Fit(data);
        var scored = model.Transform(data);

        var oneByOne = ConformancePredictions.OneByOne(ml, c, model, table);

        for (int i = 0; i < c.OutputColumns.Count; i++)
            Assert.Equal(EstimatorConformance.Values(scored, c.OutputColumns[i]), oneByOne[i]);
    }

    [Theory]
    [MemberData(nameof(EstimatorCatalog.Cases), MemberType = typeof(EstimatorCatalog))]
    public void Transform_FromSeveralThreadsAtOnce_EqualsSingleThreaded(string name)
    {
        var c = EstimatorCatalog.Get(name);
        var ml = new MLContext(1);
        var data = c.Data().ToDataView(ml);
        var model = c.Build(ml).Fit(data);

        EstimatorConformance.ConcurrentTransformIdentical(model, data, c.OutputColumns);
    }

    private static object? GetReport(MLContext ml, ITransformer model, Type reportType) =>
        typeof(SemiSupervisedCatalog).GetMethod(nameof(SemiSupervisedCatalog.GetReport))!.MakeGenericMethod(reportType).Invoke(ml.SemiSupervised, [model]);

    private static SortedDictionary<string, byte[]> Saved(ConformanceCase c, MLContext ml)
    {
        var data = c.Data().ToDataView(ml);
        return EstimatorConformance.SavedEntries(ml, c.Build(ml).Fit(data), data.Schema);
    }

    private static Dictionary<string, string[]> Predictions(ConformanceCase c, MLContext ml, IEstimator<ITransformer> estimator, ConformanceTable table)
    {
        var data = table.ToDataView(ml);
        var scored = estimator.Fit(data).Transform(data);
        return c.OutputColumns.ToDictionary(o => o, o => EstimatorConformance.Values(scored, o));
    }

    /// <summary>Every public property of an options object, as text (lists by their items).</summary>
    private static Dictionary<string, string> OptionValues(object options) =>
        options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).ToDictionary(p => p.Name, p => p.GetValue(options) switch
        {
            null => "null",
            string s => s,
            IEnumerable items => string.Join(",", items.Cast<object>()),
            var v => v.ToString()!,
        });

    /// <summary>
    /// Sets every settable public property of <paramref name="options"/> to another value of its type: column names
    /// to "Changed", numbers to -3, flags flipped, enums to an undefined value, lists to [-1], the pseudo-label selection to k-best with k = 1, callbacks and the
    /// calibrator to ones that throw. A property of any other type fails the test, naming it, so that a new option is changed too.
    /// </summary>
    private static void ChangeEveryOption(object options)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object value = type switch
            {
                _ when type == typeof(string) => "Changed",
                _ when type == typeof(int) => -3,
                _ when type == typeof(double) => -3.0,
                _ when type == typeof(float) => -3f,
                _ when type == typeof(bool) => !(bool)property.GetValue(options)!,
                _ when type.IsEnum => Enum.ToObject(type, 99),
                _ when type == typeof(IReadOnlyList<int>) => new[] { -1 },
                _ when type == typeof(SemiSupervised.Selection.PseudoLabelSelection) => new SemiSupervised.Selection.KBestSelection(1),
                _ when type == typeof(CancellationToken) => new CancellationToken(canceled: true),
                _ when type == typeof(IEstimator<ISingleFeaturePredictionTransformer<Calibrators.ICalibrator>>) => new ThrowingCalibrator(),
                _ when type == typeof(TimeSpan) => TimeSpan.FromTicks(-3),
                _ when type == typeof(IReadOnlyList<SemiSupervised.Auto.AutoCandidate>) => new[] { new SemiSupervised.Auto.AutoCandidate("Changed", () => throw new InvalidOperationException("A candidate set on the options after the estimator was created was fitted.")) },
                _ when typeof(Delegate).IsAssignableFrom(type) => ThrowingCallback(type),
                _ when EstimatorCatalog.ChangedOptionValue(type) is { } other => other,
                _ => throw new NotSupportedException($"{options.GetType().Name}.{property.Name} ({type.Name}): teach ChangeEveryOption a new value for this type."),
            };
            property.SetValue(options, value);
        }
    }

    /// <summary>A calibrator that throws when fitted: a calibrator set after construction must not be used.</summary>
    private sealed class ThrowingCalibrator : IEstimator<ISingleFeaturePredictionTransformer<Calibrators.ICalibrator>>
    {
        public ISingleFeaturePredictionTransformer<Calibrators.ICalibrator> Fit(IDataView input) =>
            throw new InvalidOperationException("A calibrator set after the estimator was created was fitted.");

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
            throw new InvalidOperationException("A calibrator set after the estimator was created was asked for its schema.");
    }

    /// <summary>An <c>Action&lt;T&gt;</c> that throws: a callback set after construction must not be called.</summary>
    private static Delegate ThrowingCallback(Type actionType)
    {
        var argument = actionType.GetGenericArguments().Single();
        var method = typeof(ConformanceModelTests).GetMethod(nameof(Throw), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(argument);
        return Delegate.CreateDelegate(actionType, method);
    }

    private static void Throw<T>(T _) => throw new InvalidOperationException("A callback set on the options after the estimator was created was called.");
}
