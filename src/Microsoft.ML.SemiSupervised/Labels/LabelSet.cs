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
}
