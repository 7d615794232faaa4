using System.Diagnostics;

namespace Microsoft.ML.SemiSupervised.Auto;

/// <summary>Counts the fits of an <see cref="AutoEstimator"/> fit and tells when its fit or time budget is spent.</summary>
internal sealed class FitBudget
{
    private readonly int? _maximumFits;
    private readonly TimeSpan? _maximumTime;
    private readonly CancellationToken _cancellation;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public FitBudget(int? maximumFits, TimeSpan? maximumTime, CancellationToken cancellation)
    {
        _maximumFits = maximumFits;
        _maximumTime = maximumTime;
        _cancellation = cancellation;
    }

    /// <summary>The fits made so far.</summary>
    public int Fits { get; private set; }

    /// <summary>The time since the fit began.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Why no further cross-validation fit may start, or null when one may.</summary>
    /// <exception cref="OperationCanceledException">The fit was cancelled.</exception>
    public string? Exhausted()
    {
        _cancellation.ThrowIfCancellationRequested();
        if (Fits >= _maximumFits)
            return $"the fit budget ran out (MaximumNumberOfFits is {_maximumFits})";
        if (_clock.Elapsed >= _maximumTime)
            return FormattableString.Invariant($"the time budget ran out (TimeBudget is {_maximumTime!.Value.TotalSeconds:0.###} s)");
        return null;
    }

    /// <summary>Counts one fit and returns what <paramref name="fit"/> returns.</summary>
    public T Count<T>(Func<T> fit)
    {
        _cancellation.ThrowIfCancellationRequested();
        Fits++;
        return fit();
    }
}
