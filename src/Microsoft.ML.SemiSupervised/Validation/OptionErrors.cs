using System.Globalization;

namespace Microsoft.ML.SemiSupervised.Validation;

/// <summary>
/// Collects what is wrong with a component's options so that one exception lists every problem, each
/// worded as a short predicate plus the value ("KBest must be positive; got 0.").
/// </summary>
internal sealed class OptionErrors
{
    private readonly List<string> _errors = new();

    /// <summary>Records <paramref name="message"/> (formatted with the invariant culture) when <paramref name="valid"/> is false.</summary>
    public void Check(bool valid, FormattableString message)
    {
        if (!valid)
            _errors.Add(message.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Throws one exception listing every recorded problem, if any: "Invalid {component} options: ...".</summary>
    /// <exception cref="ArgumentException">At least one problem was recorded.</exception>
    public void ThrowIfAny(string component)
    {
        if (_errors.Count > 0)
            throw new ArgumentException($"Invalid {component} options: " + string.Join(" ", _errors));
    }
}
