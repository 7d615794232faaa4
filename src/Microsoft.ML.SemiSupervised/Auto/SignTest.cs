namespace Microsoft.ML.SemiSupervised.Auto;

/// <summary>
/// The one-sided sign test on paired rows: of the rows only one of two models got right, the chance that the first
/// would win <c>wins</c> or more of them if each such row were a fair coin.
/// </summary>
internal static class SignTest
{
    /// <summary>
    /// The one-sided p-value of <paramref name="wins"/> rows won against <paramref name="losses"/> lost: P(X ≥ wins)
    /// for X binomial with n = wins + losses and 1/2; 1 when no row differs.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public static double OneSidedPValue(int wins, int losses)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(wins);
        ArgumentOutOfRangeException.ThrowIfNegative(losses);
        int n = wins + losses;
        if (wins == 0)
            return 1;
        // In logs, term by term from k = wins (log C(n, k) - n log 2), each term from the last: C(n, k + 1) = C(n, k) (n - k) / (k + 1).
        double logTerm = LogChoose(n, wins) - n * Math.Log(2);
        double sum = 0;
        for (int k = wins; k <= n; k++)
        {
            sum += Math.Exp(logTerm);
            logTerm += Math.Log(n - k) - Math.Log(k + 1);
        }
        return Math.Min(1, sum);
    }

    private static double LogChoose(int n, int k)
    {
        double value = 0;
        for (int i = 1; i <= Math.Min(k, n - k); i++)
            value += Math.Log(n - Math.Min(k, n - k) + i) - Math.Log(i);
        return value;
    }
}
