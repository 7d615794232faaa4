using System.Globalization;
using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Validation;

/// <summary>
/// The text of every error the library raises about data, in one place so that the wording stays
/// consistent with ML.NET's and the tests can pin it.
/// </summary>
internal static class ErrorMessages
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string ColumnNotFound(string role, string columnName) =>
        $"Could not find {role} column '{columnName}'. Name a column the data has, or create it earlier in the pipeline " +
        (role == "feature" ? "(for example with mlContext.Transforms.Concatenate)." : "(for example with mlContext.Transforms.CopyColumns).");

    public static string LabelTypeMismatch(string columnName, object actual) =>
        $"Schema mismatch for label column '{columnName}': expected Single, Double, Boolean, key or String, got {actual}. " +
        "Convert it first, for example with mlContext.Transforms.Conversion.ConvertType or MapValueToKey.";

    public static string FeatureTypeMismatch(string columnName, object actual) =>
        $"Schema mismatch for feature column '{columnName}': expected a known-size vector of Single, got {actual}. " +
        "Build it with mlContext.Transforms.Concatenate, or convert it with ConvertType.";

    public static string WeightTypeMismatch(string columnName, DataViewType actual) =>
        $"Schema mismatch for example weight column '{columnName}': expected Single, got {actual}.";

    public static string NonFiniteFeature(string columnName, long row, int slot, float value) =>
        string.Format(Invariant,
            "Feature column '{0}' holds {1} in row {2} (slot {3}). Semi-supervised learning compares rows by their features, " +
            "so every value must be a finite number: replace missing values first, for example with " +
            "mlContext.Transforms.ReplaceMissingValues(\"{0}\"), or filter those rows out.",
            columnName, value, row, slot);

    public static string HugeFeature(string columnName, long row, int slot, float value, float limit) =>
        string.Format(Invariant,
            "Feature column '{0}' holds {1} in row {2} (slot {3}), beyond {4:G3}: its square overflows Single, so distances and " +
            "the inner trainers' arithmetic over it overflow. Rescale the features first, for example with " +
            "mlContext.Transforms.NormalizeMinMax(\"{0}\") or NormalizeMeanVariance(\"{0}\").",
            columnName, value, row, slot, limit);

    public static string BinaryLabelOutOfRange(string columnName, double value) =>
        string.Format(Invariant,
            "Label column '{0}' holds {1}, but a binary label must be 0 (false), 1 (true) or NaN (unlabeled).",
            columnName, value);

    public static string LabelNeedsKey(string columnName, Labels.LabelTask task, string technique, DataViewType type, IReadOnlyList<string>? classNames)
    {
        bool binary = task == Labels.LabelTask.Binary;
        string needs = binary ? "a Boolean, key or 0/1 numeric label" : "a key label";
        string got = classNames is null ? $"{type}" : $"{type} with classes {ClassList(classNames)}";
        string missing = binary
            ? "empty text becomes the missing key, which marks unlabeled rows; the first key value is false"
            : "NaN and empty text become the missing key, which marks unlabeled rows";
        string numbers = classNames is null ? "" : $" A {type} label is accepted as it is only when its classes are 0, 1, ..., K-1, the class numbers ML.NET's evaluators read it as.";
        return $"Schema mismatch for label column '{columnName}': {(binary ? "binary" : "multiclass")} {technique} needs {needs} so that ML.NET's evaluators read the classes as the model does; got {got}. " +
            $"Add mlContext.Transforms.Conversion.MapValueToKey(\"{columnName}\") before this estimator ({missing}).{numbers}";
    }

    public static string NonFiniteLabel(string columnName, long row, double value) =>
        string.Format(Invariant,
            "Label column '{0}' holds {1} in row {2}. A label must be a class value, or NaN for an unlabeled row: " +
            "replace that value or filter the row out.",
            columnName, value, row);

    private static string ClassList(IReadOnlyList<string> names) =>
        names.Count <= 10 ? string.Join(", ", names) : string.Join(", ", names.Take(10)) + $", ... ({names.Count} classes)";

    public static string BinaryLabelClassCount(string columnName, int count) =>
        $"Label column '{columnName}' has {count} classes, but a binary trainer needs exactly 2. " +
        "Use a multiclass trainer for more than two classes.";

    public static string BinaryKeyWithBlankValues(string columnName, int count, int blank) =>
        $"Label column '{columnName}' is a key with {count} values, {blank} of them empty or whitespace-only text (which marks unlabeled rows), " +
        "but a binary trainer, like ML.NET's binary evaluator, needs a key with exactly 2 values. Make those labels empty text before " +
        "MapValueToKey (which maps empty text to the missing key), or use a Single label with 0, 1 and NaN.";

    public static string NoLabeledRows(string columnName) =>
        $"Label column '{columnName}' has no labeled rows: every value is missing (NaN, the missing key, or empty or whitespace-only text). " +
        "Label at least one row of each class.";

    public static string SingleClass(string columnName, string className) =>
        $"Label column '{columnName}' has labeled rows of one class only ('{className}'). " +
        "Label at least one row of a second class: a classifier cannot learn from one class.";

    public static string EmptyData(string labelColumnName, string featureColumnName) =>
        $"The data has no rows: label column '{labelColumnName}' and feature column '{featureColumnName}' are empty. " +
        "Check the data source (the file path, separator and header, or a filter that removed every row) before fitting.";

    public static string NoRows(string role) =>
        $"The {role} data has no rows.";

    public static string BooleanLabelCannotBeMissing(string columnName) =>
        $"Label column '{columnName}' is Boolean, which cannot mark a row as unlabeled. " +
        "Use a Single label with NaN for unlabeled rows, a key label with the missing key, or a text label with empty text.";

    public static string TooManyClasses(string columnName, int count, int maximum) =>
        $"Label column '{columnName}' has {count} classes; a co-training or tri-training model combines at most {maximum}.";

    public static string CountPerClassLength(string columnName, int given, IReadOnlyList<string> classNames) =>
        $"CountPerClass has {given} counts, but label column '{columnName}' has {classNames.Count} classes ({string.Join(", ", classNames)}). Give one count per class.";
}
