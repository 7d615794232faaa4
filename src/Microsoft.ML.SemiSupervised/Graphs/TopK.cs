using System.Runtime.CompilerServices;

namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>A fixed-size list of the nearest candidates seen so far, kept sorted nearest first.</summary>
internal static class TopK
{
    /// <summary>
    /// Offers <paramref name="candidate"/> at <paramref name="distance"/> to a sorted list; returns whether it
    /// entered. Equal distances keep the earlier candidate first, so results do not depend on timing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Offer(Span<int> indices, Span<float> distances, int candidate, float distance)
    {
        int last = indices.Length - 1;
        if (distance >= distances[last])
            return false;
        int position = last;
        while (position > 0 && distances[position - 1] > distance)
        {
            distances[position] = distances[position - 1];
            indices[position] = indices[position - 1];
            position--;
        }
        distances[position] = distance;
        indices[position] = candidate;
        return true;
    }

    /// <summary>Empties a list: every slot holds no candidate (-1) at infinite distance.</summary>
    public static void Clear(Span<int> indices, Span<float> distances)
    {
        indices.Fill(-1);
        distances.Fill(float.PositiveInfinity);
    }
}
