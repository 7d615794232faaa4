using System.Reflection;

namespace Microsoft.ML.SemiSupervised.Tests.Conformance;

/// <summary>
/// Every estimator honours its options' <see cref="SemiSupervisedOptionsBase.CancellationToken"/>: a token cancelled
/// before Fit, from the progress callback, or from <c>mlContext.Log</c> while the fit runs stops it with
/// <see cref="OperationCanceledException"/>. Runs over every <see cref="EstimatorCatalog"/> case.
/// </summary>
public sealed class ConformanceCancellationTests
{
    [Theory]
    [MemberData(nameof(EstimatorCatalog.Cases), MemberType = typeof(EstimatorCatalog))]
    public void Fit_TokenCancelledBeforeFit_ThrowsOperationCanceled(string name)
    {
        var c = EstimatorCatalog.Get(name);
        var ml = new MLContext(1);
        var options = (SemiSupervisedOptionsBase)c.CreateOptions(new ConformanceSettings());
        options.CancellationToken = new CancellationToken(canceled: true);
        var estimator = c.FromOptions(ml, options);

        Assert.ThrowsAny<OperationCanceledException>(() => estimator.Fit(c.Data().ToDataView(ml)));
    }

    [Theory]
    [MemberData(nameof(EstimatorCatalog.Cases), MemberType = typeof(EstimatorCatalog))]
    public void Fit_CancelledFromTheLogDuringFit_ThrowsOperationCanceled(string name)
    {
        // The first message the fit writes cancels the token; the estimator must notice before it finishes. For label
        // spreading and propagation that message comes after the neighbour search, so the label iteration stops it.
        var c = EstimatorCatalog.Get(name);
        var ml = new MLContext(1);
        var data = c.Data().ToDataView(ml);
        using var source = new CancellationTokenSource();
        var options = (SemiSupervisedOptionsBase)c.CreateOptions(new ConformanceSettings());
        options.CancellationToken = source.Token;
        var estimator = c.FromOptions(ml, options);
        ml.Log += (_, _) => source.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => estimator.Fit(data));
        Assert.True(source.IsCancellationRequested);
    }

    [Theory]
    [MemberData(nameof(EstimatorCatalog.Cases), MemberType = typeof(EstimatorCatalog))]
    public void Fit_CancelledFromIterationCompleted_StopsBeforeTheNextIteration(string name)
    {
        var c = EstimatorCatalog.Get(name);
        var ml = new MLContext(1);
        using var source = new CancellationTokenSource();
        var options = (SemiSupervisedOptionsBase)c.CreateOptions(new ConformanceSettings());
        var callback = options.GetType().GetProperty("IterationCompleted");
        if (c.Task == ConformanceTask.GraphLabeling)
        {
            // Label spreading and propagation report progress through mlContext.Log only (checked above).
            Assert.Null(callback);
            return;
        }
        var counter = new CancellingCallback(source);
        callback!.SetValue(options, counter.For(callback.PropertyType));
        options.CancellationToken = source.Token;
        options.MaximumNumberOfIterations = 3;
        var estimator = c.FromOptions(ml, options);

        Assert.ThrowsAny<OperationCanceledException>(() => estimator.Fit(c.Data().ToDataView(ml)));
        Assert.Equal(1, counter.Calls);
    }

    /// <summary>An <c>IterationCompleted</c> callback of any argument type that counts its calls and cancels.</summary>
    private sealed class CancellingCallback(CancellationTokenSource source)
    {
        public int Calls { get; private set; }

        public Delegate For(Type actionType)
        {
            var argument = actionType.GetGenericArguments().Single();
            var method = typeof(CancellingCallback).GetMethod(nameof(On), BindingFlags.NonPublic | BindingFlags.Instance)!.MakeGenericMethod(argument);
            return Delegate.CreateDelegate(actionType, this, method);
        }

        private void On<T>(T _)
        {
            Calls++;
            source.Cancel();
        }
    }
}
