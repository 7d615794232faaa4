namespace Microsoft.ML.SemiSupervised.Evaluation;

/// <summary>The standard normal distribution's upper tail, for the tests that use a normal approximation (Setred's cut-edge weight test, the shift check's AUC).</summary>
internal static class StandardNormal
{
    /// <summary>P(Z &gt;= z) for a standard normal Z: erfc(z / sqrt 2) / 2.</summary>
    public static double UpperTail(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

    /// <summary>The complementary error function, to a relative error below 1.2e-7 everywhere (Numerical Recipes' Chebyshev fit).</summary>
    private static double Erfc(double x)
    {
        double t = 1 / (1 + 0.5 * Math.Abs(x));
        double value = t * Math.Exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? value : 2 - value;
    }
}
