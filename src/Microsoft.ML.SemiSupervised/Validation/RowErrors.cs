using System.Runtime.CompilerServices;

namespace Microsoft.ML.SemiSupervised.Validation;

/// <summary>
/// Errors about one row of the data a component read. They are plain <see cref="ArgumentException"/>s, as ML.NET's
/// are, but remember their row and wording, so that a caller that fed the component a selection of the user's rows
/// (a cross-validation fold) can rethrow them naming the user's row.
/// </summary>
internal static class RowErrors
{
    private static readonly ConditionalWeakTable<ArgumentException, RowError> Rows = new();

    /// <summary>An error about row <paramref name="row"/> (counted from 0 in the data read), worded by <paramref name="messageFor"/>.</summary>
    public static ArgumentException About(long row, Func<long, string> messageFor, Exception? innerException = null)
    {
        var exception = new ArgumentException(messageFor(row), innerException);
        Rows.AddOrUpdate(exception, new RowError(row, messageFor));
        return exception;
    }

    /// <summary>The row <paramref name="exception"/> is about, if it was made by <see cref="About"/>.</summary>
    public static long? RowOf(ArgumentException exception) => Rows.TryGetValue(exception, out var error) ? error.Row : null;

    /// <summary>
    /// The same error about row <paramref name="row"/> of the caller's data, with <paramref name="context"/> appended and
    /// <paramref name="exception"/> as its inner exception.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="exception"/> was not made by <see cref="About"/>.</exception>
    public static ArgumentException InCallerRow(ArgumentException exception, long row, string context)
    {
        if (!Rows.TryGetValue(exception, out var error))
            throw new ArgumentException("The exception names no row.", nameof(exception));
        return About(row, r => error.MessageFor(r) + " " + context, exception);
    }

    private sealed record RowError(long Row, Func<long, string> MessageFor);
}
