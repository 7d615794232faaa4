using System.Globalization;

namespace Microsoft.ML.SemiSupervised.InnerTrainers;

/// <summary>
/// The one place where a failure of the user's trainer inside one of our fits becomes a clear error: which trainer,
/// how many rows and classes it was given, the label column, and what to change, with ML.NET's exception kept as the
/// inner exception.
/// </summary>
/// <remarks>
/// Without it the user sees a crash from deep inside ML.NET about rows they never passed: LightGbm (Microsoft.ML 5.0.1)
/// throws ArgumentNullException from RegressionTreeBase when a tree finds no split, which happens on 4 labeled rows
/// (moons at 1 % labels), and self-training, co- and tri-training and Auto fit the trainer on such small row sets.
/// </remarks>
internal static class InnerTrainerFailure
{
    /// <summary>
    /// Fits <paramref name="trainer"/> on <paramref name="rows"/>; when it throws (cancellation aside), rethrows the
    /// failure as an <see cref="InvalidOperationException"/> from <see cref="Describe"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The trainer's fit threw; the original is the inner exception.</exception>
    public static TTransformer Fit<TTransformer>(IEstimator<TTransformer> trainer, IDataView rows, int rowCount, int classCount, string labelColumnName)
        where TTransformer : ITransformer
    {
        try
        {
            return trainer.Fit(rows);
        }
        catch (Exception e) when (IsTrainerFailure(e))
        {
            throw Describe("The inner trainer " + TrainerName(trainer), rowCount, classCount, labelColumnName, e);
        }
    }

    /// <summary>
    /// The error for a trainer whose fit on <paramref name="rowCount"/> rows of <paramref name="classCount"/> classes threw
    /// <paramref name="failure"/>; <paramref name="trainer"/> says which, as "The inner trainer LightGbmBinaryTrainer".
    /// </summary>
    public static InvalidOperationException Describe(string trainer, int rowCount, int classCount, string labelColumnName, Exception failure) =>
        new(string.Format(CultureInfo.InvariantCulture,
            "{0} failed to fit on {1} {2} of {3} {4} (label column '{5}'): {6}: {7} " +
            "With few labeled rows some trainers cannot fit at all (a tree trainer may find no split); label more rows, " +
            "or set the trainer's options for small data (for a tree trainer, a smaller minimum number of rows per leaf, such as minimumExampleCountPerLeaf).",
            trainer, rowCount, rowCount == 1 ? "row" : "rows", classCount, classCount == 1 ? "class" : "classes", labelColumnName,
            failure.GetType().Name, failure.Message.TrimEnd()), failure);

    /// <summary>
    /// Whether <paramref name="failure"/> is the trainer failing on the rows it was given, and so is worth rethrowing with
    /// the row count and the small-data fix. Cancellation is not, and neither is a schema error ("Schema mismatch for ...",
    /// "Could not find ... column ..."): that names the user's column already, and advice to label more rows would mislead.
    /// </summary>
    public static bool IsTrainerFailure(Exception failure) =>
        failure is not OperationCanceledException
        && !(failure is ArgumentException
             && (failure.Message.Contains("Schema mismatch", StringComparison.Ordinal)
                 || failure.Message.Contains("Could not find", StringComparison.Ordinal)));

    /// <summary>The trainer's type name without its generic arity, for messages.</summary>
    public static string TrainerName(object trainer) => trainer.GetType().Name.Split('`')[0];
}
