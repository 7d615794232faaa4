using Microsoft.ML.SemiSupervised.Evaluation;

namespace Microsoft.ML.SemiSupervised.Selection;

/// <summary>
/// The local cut-edge weight test of Setred (Li and Zhou, 2005, after Muhlenbach, Lallich and Zighed, 2004): is the
/// weight of a row's edges to neighbours of another class larger than chance would give?
/// </summary>
/// <remarks>
/// Under the null hypothesis that labels are drawn independently of the graph, each edge of a row of class y is cut
/// (leads to another class) with probability 1 - p, p the share of class y; the cut weight
/// <c>J = sum of w_j over cut edges</c> then has mean <c>(1 - p) sum w_j</c> and variance
/// <c>p (1 - p) sum w_j^2</c>, and is approximated by a normal distribution.
/// </remarks>
internal static class CutEdgeWeightTest
{
    /// <summary>The one-sided (upper-tail) p-value of an observed cut weight: the chance, under the null hypothesis, of a cut weight at least as large.</summary>
    /// <param name="cutWeight">The observed J: the sum of the weights of the edges to neighbours of another class.</param>
    /// <param name="weightSum">The sum of the weights of all the row's edges.</param>
    /// <param name="squaredWeightSum">The sum of the squared weights of all the row's edges.</param>
    /// <param name="classShare">The share p of the row's class.</param>
    public static double UpperTailPValue(double cutWeight, double weightSum, double squaredWeightSum, double classShare)
    {
        double mean = (1 - classShare) * weightSum;
        double deviation = Math.Sqrt(classShare * (1 - classShare) * squaredWeightSum);
        if (!(deviation > 0))
            return cutWeight > mean + 1e-12 ? 0 : 1;
        return StandardNormal.UpperTail((cutWeight - mean) / deviation);
    }
}
