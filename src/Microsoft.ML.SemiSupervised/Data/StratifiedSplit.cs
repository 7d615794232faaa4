namespace Microsoft.ML.SemiSupervised.Data;

/// <summary>Draws a stratified sample of labeled rows, keeping at least one row of each class out of it.</summary>
internal static class StratifiedSplit
{
    /// <summary>
    /// Picks <c>floor(fraction * n)</c> of the n labeled rows of each class at random, never all of them.
    /// </summary>
    /// <param name="classes">Each row's class, -1 for unlabeled rows (never picked).</param>
    /// <param name="classCount">The number of classes.</param>
    /// <param name="fraction">The fraction of each class to pick, in [0, 1).</param>
    /// <param name="random">The random source.</param>
    /// <returns>The picked row numbers, ascending.</returns>
    public static int[] Sample(int[] classes, int classCount, double fraction, Random random)
    {
        var picked = new List<int>();
        for (int c = 0; c < classCount; c++)
        {
            var rows = Enumerable.Range(0, classes.Length).Where(r => classes[r] == c).ToArray();
            int take = Math.Min((int)Math.Floor(fraction * rows.Length), rows.Length - 1);
            if (take <= 0)
                continue;
            random.Shuffle(rows);
            picked.AddRange(rows.Take(take));
        }
        picked.Sort();
        return picked.ToArray();
    }
}
