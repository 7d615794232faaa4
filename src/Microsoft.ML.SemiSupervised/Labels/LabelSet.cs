using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.Labels;

/// <summary>Every row's class number (-1 for unlabeled) and the catalog of classes.</summary>
internal sealed class LabelSet
{
    public LabelSet(ClassCatalog catalog, int[] classes)
    {
        Catalog = catalog;
        Classes = classes;
    }

    /// <summary>The classes, numbered 0..Count-1.</summary>
    public ClassCatalog Catalog { get; }

    /// <summary>Each row's class, or -1 where the label is missing.</summary>
    public int[] Classes { get; }

    /// <summary>How many rows carry a label.</summary>
    public int LabeledCount => Classes.Count(c => c >= 0);

    /// <summary>How many labeled rows each class has.</summary>
    public int[] CountPerClass()
    {
        var counts = new int[Catalog.Count];
        foreach (var c in Classes)
        {
            if (c >= 0)
                counts[c]++;
        }
        return counts;
    }

    /// <summary>
    /// Throws when these labels cannot train a classifier: no labeled row, or labeled rows of one class only.
    /// </summary>
    /// <param name="labelColumnName">The label column, named in the message.</param>
    /// <param name="parameterName">The argument the exception names, if any.</param>
    /// <exception cref="ArgumentException">No row or one class only is labeled.</exception>
    public void EnsureTrainable(string labelColumnName, string? parameterName = null)
    {
        var counts = CountPerClass();
        var present = Enumerable.Range(0, counts.Length).Where(c => counts[c] > 0).ToArray();
        if (present.Length == 0)
            throw new ArgumentException(ErrorMessages.NoLabeledRows(labelColumnName), parameterName);
        if (present.Length == 1)
            throw new ArgumentException(ErrorMessages.SingleClass(labelColumnName, Catalog.Names[present[0]]), parameterName);
    }
}
