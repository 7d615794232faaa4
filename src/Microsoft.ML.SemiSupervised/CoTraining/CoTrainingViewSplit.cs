using System.Globalization;
using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.CoTraining;

/// <summary>Splits one feature column into two views: given slots and the rest, or two random halves.</summary>
internal static class CoTrainingViewSplit
{
    /// <summary>The slots of each view, ascending.</summary>
    /// <exception cref="ArgumentException">The column has fewer than two slots, or the given slots do not fit it.</exception>
    public static (int[] First, int[] Second) Slots(string columnName, int dimension, IReadOnlyList<int>? firstViewSlots, Random random)
    {
        if (dimension < 2)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "Feature column '{0}' has {1} slot, which cannot be split into two views. Give each view its own column (SecondViewColumnName), or a feature column with more slots.",
                columnName, dimension));
        }
        int[] first;
        if (firstViewSlots is not null)
        {
            var outside = firstViewSlots.FirstOrDefault(s => s >= dimension, -1);
            if (outside >= 0)
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "FirstViewSlots holds slot {0}, but feature column '{1}' has {2} slots (0 to {3}).", outside, columnName, dimension, dimension - 1));
            }
            if (firstViewSlots.Count >= dimension)
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "FirstViewSlots takes all {0} slots of feature column '{1}', which leaves the second view no slot. Leave at least one.", dimension, columnName));
            }
            first = firstViewSlots.Order().ToArray();
        }
        else
        {
            var order = Enumerable.Range(0, dimension).ToArray();
            random.Shuffle(order);
            first = order.Take((dimension + 1) / 2).Order().ToArray();
        }
        var inFirst = new bool[dimension];
        foreach (var s in first)
            inFirst[s] = true;
        return (first, Enumerable.Range(0, dimension).Where(s => !inFirst[s]).ToArray());
    }

    /// <summary>Each row's values at <paramref name="slots"/>, as dense vectors.</summary>
    public static VBuffer<float>[] Select(VBuffer<float>[] rows, int[] slots)
    {
        var result = new VBuffer<float>[rows.Length];
        for (int r = 0; r < rows.Length; r++)
        {
            var values = new float[slots.Length];
            var row = rows[r];
            for (int i = 0; i < slots.Length; i++)
                values[i] = row.GetItemOrDefault(slots[i]);
            result[r] = new VBuffer<float>(slots.Length, values);
        }
        return result;
    }
}
