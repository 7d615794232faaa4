using System.Globalization;
using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Tests.Conformance;

/// <summary>
/// A tiny data set for the conformance checks: feature vectors and each row's class (-1 for unlabeled), turned into
/// an <see cref="IDataView"/> with a label of any <see cref="ConformanceLabelKind"/>.
/// </summary>
/// <remarks>
/// Class c has the value c in a Single or Double label (0, 1, 2: the class numbers ML.NET's evaluators read, which the
/// trainer-based estimators require of a numeric label; arbitrary class values are tested per technique), the text
/// "class-a", "class-b", ..., or, for a key label, the key whose key value is that number (mapped by value, as
/// <c>MapValueToKey</c> with <c>KeyOrdinality.ByValue</c> makes it), so that a predicted label read back through its key values can be
/// compared with the label it was trained on.
/// </remarks>
public sealed class ConformanceTable
{
    public ConformanceTable(float[][] features, int[] classes, int classCount)
    {
        Features = features;
        Classes = classes;
        ClassCount = classCount;
    }

    /// <summary>Each row's features.</summary>
    public float[][] Features { get; }

    /// <summary>Each row's class, -1 where the label is missing.</summary>
    public int[] Classes { get; }

    /// <summary>The number of classes of the task (2 for binary).</summary>
    public int ClassCount { get; }

    /// <summary>The number of feature slots (0 for no rows).</summary>
    public int Dimension => Features.Length == 0 ? 4 : Features[0].Length;

    /// <summary>
    /// Well separated clusters in 4 dimensions, one per class along the diagonal (so that any half of the slots
    /// separates them too, for co-training's split views): <paramref name="labeledPerClass"/> labeled and
    /// <paramref name="unlabeledPerClass"/> unlabeled rows per class, interleaved.
    /// </summary>
    public static ConformanceTable Clusters(int classCount, int labeledPerClass = 3, int unlabeledPerClass = 4)
    {
        var features = new List<float[]>();
        var classes = new List<int>();
        int perClass = labeledPerClass + unlabeledPerClass;
        for (int i = 0; i < perClass; i++)
        {
            for (int c = 0; c < classCount; c++)
            {
                // A fixed jitter pattern: every row distinct, every cluster far from the others.
                float centre = 6f * c;
                features.Add(Enumerable.Range(0, 4).Select(s => centre + 0.1f * (((i + 1) * (s + 2) * 7) % 9 - 4)).ToArray());
                classes.Add(i < labeledPerClass ? c : -1);
            }
        }
        return new ConformanceTable(features.ToArray(), classes.ToArray(), classCount);
    }

    /// <summary>The same rows with other classes (-1 for unlabeled).</summary>
    public ConformanceTable WithClasses(Func<int, int, int> classOf) =>
        new(Features, Classes.Select((c, row) => classOf(row, c)).ToArray(), ClassCount);

    /// <summary>The same labels with other features.</summary>
    public ConformanceTable WithFeatures(Func<int, float[], float[]> featuresOf) =>
        new(Features.Select((f, row) => featuresOf(row, (float[])f.Clone())).ToArray(), Classes, ClassCount);

    /// <summary>The first <paramref name="count"/> rows.</summary>
    public ConformanceTable Take(int count) => new(Features.Take(count).ToArray(), Classes.Take(count).ToArray(), ClassCount);

    /// <summary>Every row followed by an exact copy of itself.</summary>
    public ConformanceTable Doubled() =>
        new(Features.SelectMany(f => new[] { f, (float[])f.Clone() }).ToArray(), Classes.SelectMany(c => new[] { c, c }).ToArray(), ClassCount);

    /// <summary>The text a class has in a label of <paramref name="kind"/>, as <see cref="ConformanceValues.LabelTexts"/> reads it.</summary>
    public string LabelText(ConformanceLabelKind kind, int classIndex) => kind switch
    {
        ConformanceLabelKind.Boolean => (classIndex == 1).ToString(),
        ConformanceLabelKind.Text => "class-" + (char)('a' + classIndex),
        _ => ClassValue(classIndex).ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The rows as a data view with a label of <paramref name="kind"/> named <paramref name="labelColumnName"/> and a
    /// known-size (or, with <paramref name="variableSize"/>, variable-size) feature vector named <paramref name="featureColumnName"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A Boolean label is asked for rows with an unlabeled row or more than two classes.</exception>
    public IDataView ToDataView(MLContext ml, ConformanceLabelKind kind = ConformanceLabelKind.Single, string labelColumnName = "Label",
        string featureColumnName = "Features", bool variableSize = false)
    {
        return kind switch
        {
            ConformanceLabelKind.Single => Load(ml, c => c < 0 ? float.NaN : (float)ClassValue(c), NumberDataViewType.Single, labelColumnName, featureColumnName, variableSize),
            ConformanceLabelKind.Double => Load(ml, c => c < 0 ? double.NaN : ClassValue(c), NumberDataViewType.Double, labelColumnName, featureColumnName, variableSize),
            ConformanceLabelKind.Boolean => Classes.Any(c => c < 0) || ClassCount != 2
                ? throw new InvalidOperationException("A Boolean label has two classes and no unlabeled rows.")
                : Load(ml, c => c == 1, BooleanDataViewType.Instance, labelColumnName, featureColumnName, variableSize),
            ConformanceLabelKind.Key => ToKey(ml, ToDataView(ml, ConformanceLabelKind.Single, labelColumnName, featureColumnName, variableSize), labelColumnName),
            _ => Load(ml, c => c < 0 ? "" : LabelText(ConformanceLabelKind.Text, c), TextDataViewType.Instance, labelColumnName, featureColumnName, variableSize),
        };
    }

    /// <summary>The value class <paramref name="classIndex"/> has in a Single or Double label.</summary>
    public double ClassValue(int classIndex) => classIndex;

    private static IDataView ToKey(MLContext ml, IDataView data, string labelColumnName) =>
        ml.Transforms.Conversion.MapValueToKey(labelColumnName, keyOrdinality: Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Fit(data).Transform(data);

    private IDataView Load<T>(MLContext ml, Func<int, T> labelOf, DataViewType labelType, string labelColumnName, string featureColumnName, bool variableSize)
    {
        var rows = Features.Select((f, i) => new Row<T> { Label = labelOf(Classes[i]), Features = (float[])f.Clone() }).ToList();
        var schema = SchemaDefinition.Create(typeof(Row<T>));
        schema[nameof(Row<T>.Label)].ColumnName = labelColumnName;
        schema[nameof(Row<T>.Label)].ColumnType = labelType;
        schema[nameof(Row<T>.Features)].ColumnName = featureColumnName;
        schema[nameof(Row<T>.Features)].ColumnType = variableSize
            ? new VectorDataViewType(NumberDataViewType.Single)
            : new VectorDataViewType(NumberDataViewType.Single, Dimension);
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>One row of a data view: a label of type <typeparamref name="T"/> and the features.</summary>
    public sealed class Row<T>
    {
        /// <summary>The label.</summary>
        public T Label { get; set; } = default!;

        /// <summary>The features.</summary>
        public float[] Features { get; set; } = [];
    }
}
