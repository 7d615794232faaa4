using System.Globalization;
using System.Text.RegularExpressions;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;

/// <summary>
/// Compares a neural sample's printed lines with its "Expected output" comment, allowing the numbers the processor's
/// kernels move. A seeded LibTorch run repeats exactly only on the same kind of processor: LibTorch's own kernels
/// (AVX2 or AVX-512) and MKL's (by vendor and instruction set) round differently, and 200 epochs of training turn that
/// into a few test rows. FixMatchDigits printed 0.957 on the project's AMD EPYC and 0.963 on an Intel Xeon with
/// AVX-512 (0.954 to 0.961 with other kernels forced through ATEN_CPU_CAPABILITY and MKL_CBWR); the supervised line
/// 0.857 to 0.859. So the text of every line must match exactly, and so must every whole number (rows, epochs,
/// classes), while a decimal may differ by <see cref="DecimalTolerance"/> and a percentage by
/// <see cref="PercentTolerance"/> points.
/// </summary>
internal static class SampleOutputWithinKernelNoise
{
    /// <summary>The largest difference allowed in a printed decimal (an accuracy): 0.015, 8 of digits' 539 test rows.</summary>
    public const double DecimalTolerance = 0.015;

    /// <summary>The largest difference allowed in a printed whole-number percentage ("91 %"), in points.</summary>
    public const double PercentTolerance = 3;

    private static readonly Regex Number = new(@"-?\d+(?:\.\d+)?( ?%)?", RegexOptions.CultureInvariant);

    /// <summary>
    /// Null when <paramref name="actual"/> matches <paramref name="expected"/> line by line within the tolerances, else
    /// the first difference, in words.
    /// </summary>
    public static string? FirstDifference(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        if (expected.Count != actual.Count)
            return $"{actual.Count} lines printed, {expected.Count} expected";
        for (int i = 0; i < expected.Count; i++)
        {
            string? difference = LineDifference(expected[i], actual[i]);
            if (difference is not null)
                return $"line {i + 1}: {difference} (expected \"{expected[i]}\", printed \"{actual[i]}\")";
        }
        return null;
    }

    private static string? LineDifference(string expected, string actual)
    {
        if (Number.Replace(expected, "#") != Number.Replace(actual, "#"))
            return "the text differs";
        var expectedNumbers = Number.Matches(expected);
        var actualNumbers = Number.Matches(actual);
        for (int j = 0; j < expectedNumbers.Count; j++)
        {
            var e = expectedNumbers[j];
            var a = actualNumbers[j];
            double expectedValue = double.Parse(e.Value.TrimEnd('%', ' '), CultureInfo.InvariantCulture);
            double actualValue = double.Parse(a.Value.TrimEnd('%', ' '), CultureInfo.InvariantCulture);
            double tolerance = e.Groups[1].Success ? PercentTolerance : e.Value.Contains('.') ? DecimalTolerance : 0;
            if (Math.Abs(actualValue - expectedValue) > tolerance)
                return $"{a.Value} against {e.Value}, more than {tolerance.ToString(CultureInfo.InvariantCulture)} apart";
        }
        return null;
    }
}
