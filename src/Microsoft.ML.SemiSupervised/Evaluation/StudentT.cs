namespace Microsoft.ML.SemiSupervised.Evaluation;

/// <summary>
/// Student's t distribution: its distribution function through the regularized incomplete beta function (Lentz's
/// continued fraction, as in Numerical Recipes 6.4) and its quantiles by bisection, for the confidence bounds of
/// cross-validated differences at any level (a Bonferroni-corrected bound needs levels no table holds).
/// </summary>
internal static class StudentT
{
    /// <summary>The probability that a t variable with <paramref name="degreesOfFreedom"/> is at most <paramref name="t"/>.</summary>
    public static double Cdf(double t, int degreesOfFreedom)
    {
        double v = degreesOfFreedom;
        double tail = 0.5 * RegularizedBeta(v / (v + t * t), v / 2, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /// <summary>The <paramref name="probability"/> quantile, for a probability in (0, 1).</summary>
    public static double Quantile(double probability, int degreesOfFreedom)
    {
        if (!(probability > 0 && probability < 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A quantile needs a probability in (0, 1).");
        if (probability < 0.5)
            return -Quantile(1 - probability, degreesOfFreedom);
        double low = 0, high = 1;
        while (Cdf(high, degreesOfFreedom) < probability)
            high *= 2;
        for (int i = 0; i < 100 && high - low > 1e-10 * high; i++)
        {
            double middle = (low + high) / 2;
            if (Cdf(middle, degreesOfFreedom) < probability)
                low = middle;
            else
                high = middle;
        }
        return (low + high) / 2;
    }

    private static double RegularizedBeta(double x, double a, double b)
    {
        if (x <= 0)
            return 0;
        if (x >= 1)
            return 1;
        double front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        return x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(x, a, b) / a
            : 1 - front * ContinuedFraction(1 - x, b, a) / b;
    }

    private static double ContinuedFraction(double x, double a, double b)
    {
        const double Tiny = 1e-300;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
        double result = d;
        for (int m = 1; m <= 300; m++)
        {
            double m2 = 2 * m;
            double even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + even * d;
            c = 1 + even / c;
            d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            result *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + odd * d;
            c = 1 + odd / c;
            d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            double step = d * c;
            result *= step;
            if (Math.Abs(step - 1) < 1e-14)
                break;
        }
        return result;
    }

    /// <summary>The log of the gamma function (Lanczos' approximation, g = 7, accurate to about 15 digits).</summary>
    private static double LogGamma(double x)
    {
        ReadOnlySpan<double> coefficients =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (x < 0.5)
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        double sum = coefficients[0];
        for (int i = 1; i < coefficients.Length; i++)
            sum += coefficients[i] / (x + i);
        double t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
