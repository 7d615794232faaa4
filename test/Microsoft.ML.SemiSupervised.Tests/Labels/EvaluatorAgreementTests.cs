using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.CoTraining;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.SelfTraining;
using Microsoft.ML.SemiSupervised.TriTraining;

namespace Microsoft.ML.SemiSupervised.Tests.Labels;

/// <summary>
/// Issue 8, item 2: for every trainer-based estimator (self-training binary and multiclass, co-training and
/// tri-training of each kind) and every label kind (Single, Double, Boolean, key, text), either ML.NET's evaluator
/// on the fitted model's output gives the true accuracy, computed here by hand from the predictions, or Fit refuses
/// the label with the pinned message that names the column and <c>MapValueToKey</c>.
/// </summary>
/// <remarks>
/// Data: three overlapping Gaussian classes in four dimensions (centre of class c: (1.5c, -c, 0.5c, 0), unit noise,
/// <c>new Random(11)</c>), 150 training rows of which 10 per class are labeled, 90 test rows, all of the same form
/// as the training rows (the way a user splits one data set). Binary cases, and multiclass ones on a Boolean label,
/// use classes 0 and 1 only.
/// </remarks>
public sealed class EvaluatorAgreementTests
{
    private const int Dimension = 4;
    private static readonly (float[] Features, int Class)[] Train = Blobs(new Random(11), 150);
    private static readonly (float[] Features, int Class)[] Test = Blobs(new Random(12), 90);
    private static readonly string[] Fruit = { "cherry", "apple", "banana" };

    private readonly MLContext _ml = new(1);

    public enum Technique
    {
        SelfTraining,
        CoTraining,
        TriTraining,
    }

    public enum Kind
    {
        Single,
        Double,
        Boolean,
        Key,
        Text,
    }

    public static TheoryData<Technique, bool, Kind, float[]?> Accepted()
    {
        var data = new TheoryData<Technique, bool, Kind, float[]?>();
        foreach (var technique in Enum.GetValues<Technique>())
        {
            // Binary: 0/1 numbers (what ML.NET's binary evaluator reads as false/true), Boolean, a two-valued key.
            data.Add(technique, true, Kind.Single, new[] { 0f, 1f });
            data.Add(technique, true, Kind.Double, new[] { 0f, 1f });
            data.Add(technique, true, Kind.Boolean, null);
            data.Add(technique, true, Kind.Key, null);
            // Multiclass: classes 0..K-1 (the class numbers ML.NET's multiclass evaluator reads a Single label as), keys.
            data.Add(technique, false, Kind.Single, new[] { 0f, 1f, 2f });
            data.Add(technique, false, Kind.Double, new[] { 0f, 1f, 2f });
            data.Add(technique, false, Kind.Boolean, null);
            data.Add(technique, false, Kind.Key, null);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Fit_AcceptedLabel_EvaluatorGivesTheTrueAccuracy(Technique technique, bool binary, Kind kind, float[]? values)
    {
        var (train, test) = Views(binary, kind, values);

        var scored = Estimator(technique, binary).Fit(train).Transform(test);

        double truth = binary ? TrueBinaryAccuracy(scored, kind) : TrueMulticlassAccuracy(scored, kind, values);
        // ML.NET's multiclass evaluator refuses Double and Boolean labels; ConvertType to Single is the user's way in.
        var evaluated = !binary && kind is Kind.Double or Kind.Boolean
            ? _ml.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Single).Fit(scored).Transform(scored)
            : scored;
        double accuracy = binary ? _ml.BinaryClassification.Evaluate(evaluated).Accuracy : _ml.MulticlassClassification.Evaluate(evaluated).MicroAccuracy;

        Assert.InRange(truth, 0.6, 1.0); // the model learned the classes, so a misread label shows in the evaluator
        Assert.Equal(truth, accuracy, 9);
    }

    public static TheoryData<Technique, bool, Kind, float[]?> Refused()
    {
        var data = new TheoryData<Technique, bool, Kind, float[]?>();
        foreach (var technique in Enum.GetValues<Technique>())
        {
            data.Add(technique, true, Kind.Text, null);
            data.Add(technique, false, Kind.Text, null);
            data.Add(technique, false, Kind.Single, new[] { 3f, 5f, 7f });
            data.Add(technique, false, Kind.Single, new[] { 1f, 2f, 3f });
            data.Add(technique, false, Kind.Single, new[] { 0f, 1f, 2.5f });
            data.Add(technique, false, Kind.Double, new[] { 3f, 5f, 7f });
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Fit_LabelTheEvaluatorReadsOtherwise_ThrowsNamingMapValueToKey(Technique technique, bool binary, Kind kind, float[]? values)
    {
        var (train, _) = Views(binary, kind, values);

        var e = Assert.Throws<ArgumentException>(() => Estimator(technique, binary).Fit(train));

        Assert.Equal(Message(technique, binary, kind, values), e.Message);
    }

    [Theory]
    [InlineData(Technique.SelfTraining, true)]
    [InlineData(Technique.SelfTraining, false)]
    [InlineData(Technique.CoTraining, true)]
    [InlineData(Technique.CoTraining, false)]
    [InlineData(Technique.TriTraining, true)]
    [InlineData(Technique.TriTraining, false)]
    public void GetOutputSchema_TextLabel_ThrowsLikeFit(Technique technique, bool binary)
    {
        var (train, _) = Views(binary, Kind.Text, null);

        var e = Assert.Throws<ArgumentException>(() => Estimator(technique, binary).GetOutputSchema(Infrastructure.EstimatorConformance.ShapeOf(train.Schema)));

        Assert.Equal(Message(technique, binary, Kind.Text, null), e.Message);
    }

    [Fact]
    public void Fit_BinarySingleLabelOtherThanZeroOne_StillRefused()
    {
        var (train, _) = Views(true, Kind.Single, new[] { 0f, 2f });

        var e = Assert.Throws<ArgumentException>(() => Estimator(Technique.SelfTraining, true).Fit(train));

        Assert.Equal("Label column 'Label' holds 2, but a binary label must be 0 (false), 1 (true) or NaN (unlabeled).", e.Message);
    }

    private static string Message(Technique technique, bool binary, Kind kind, float[]? values)
    {
        string name = technique switch { Technique.SelfTraining => "self-training", Technique.CoTraining => "co-training", _ => "tri-training" };
        if (kind == Kind.Text && binary)
        {
            return $"Schema mismatch for label column 'Label': binary {name} needs a Boolean, key or 0/1 numeric label so that ML.NET's evaluators read the classes as the model does; got String. " +
                "Add mlContext.Transforms.Conversion.MapValueToKey(\"Label\") before this estimator (empty text becomes the missing key, which marks unlabeled rows; the first key value is false).";
        }
        const string fix = "Add mlContext.Transforms.Conversion.MapValueToKey(\"Label\") before this estimator (NaN and empty text become the missing key, which marks unlabeled rows).";
        if (kind == Kind.Text)
            return $"Schema mismatch for label column 'Label': multiclass {name} needs a key label so that ML.NET's evaluators read the classes as the model does; got String. {fix}";
        string type = kind == Kind.Double ? "Double" : "Single";
        string classes = string.Join(", ", values!.Select(v => v.ToString(CultureInfo.InvariantCulture)));
        return $"Schema mismatch for label column 'Label': multiclass {name} needs a key label so that ML.NET's evaluators read the classes as the model does; got {type} with classes {classes}. {fix} " +
            $"A {type} label is accepted as it is only when its classes are 0, 1, ..., K-1, the class numbers ML.NET's evaluators read it as.";
    }

    private IEstimator<ITransformer> Estimator(Technique technique, bool binary)
    {
        var b = _ml.BinaryClassification.Trainers;
        var m = _ml.MulticlassClassification.Trainers;
        return (technique, binary) switch
        {
            (Technique.SelfTraining, true) => _ml.SemiSupervised.SelfTraining(b.LbfgsLogisticRegression(), new SelfTrainingOptions { Seed = 1 }),
            (Technique.SelfTraining, false) => _ml.SemiSupervised.SelfTraining(m.LbfgsMaximumEntropy(), new SelfTrainingOptions { Seed = 1 }),
            (Technique.CoTraining, true) => _ml.SemiSupervised.CoTraining(b.LbfgsLogisticRegression(), b.LbfgsLogisticRegression(), new CoTrainingOptions { Seed = 1, PoolSize = 30 }),
            (Technique.CoTraining, false) => _ml.SemiSupervised.CoTraining(m.LbfgsMaximumEntropy(), m.LbfgsMaximumEntropy(), new CoTrainingOptions { Seed = 1, PoolSize = 30 }),
            (Technique.TriTraining, true) => _ml.SemiSupervised.TriTraining(b.LbfgsLogisticRegression(), new TriTrainingOptions { Seed = 1 }),
            _ => _ml.SemiSupervised.TriTraining(m.LbfgsMaximumEntropy(), new TriTrainingOptions { Seed = 1 }),
        };
    }

    /// <summary>The fraction of test rows whose PredictedLabel, read through the model's own key values, is the row's class.</summary>
    private static double TrueMulticlassAccuracy(IDataView scored, Kind kind, float[]? values)
    {
        var names = LabelColumnReader.KeyNames(scored.Schema["PredictedLabel"])!;
        var predicted = scored.GetColumn<uint>("PredictedLabel").ToArray();
        var truth = TestRows(TwoClasses(false, kind)).Select(r => kind switch
        {
            Kind.Key => Fruit[r.Class],
            Kind.Boolean => (r.Class == 1).ToString(),
            _ => values![r.Class].ToString(CultureInfo.InvariantCulture),
        }).ToArray();
        Assert.Equal(truth.Length, predicted.Length);
        return predicted.Select((p, i) => p >= 1 && names[p - 1] == truth[i]).Average(ok => ok ? 1.0 : 0.0);
    }

    /// <summary>
    /// The fraction of test rows whose PredictedLabel is the row's class, true being: 1 for a number, true for a
    /// Boolean, the second key value for a key (the first key value is false).
    /// </summary>
    private double TrueBinaryAccuracy(IDataView scored, Kind kind)
    {
        var predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();
        var rows = TestRows(true);
        Assert.Equal(rows.Length, predicted.Length);
        bool[] positive = kind == Kind.Key
            ? scored.GetColumn<uint>("Label").Select(k => k == 2).ToArray()
            : rows.Select(r => r.Class == 1).ToArray();
        return predicted.Select((p, i) => p == positive[i]).Average(ok => ok ? 1.0 : 0.0);
    }

    private static (float[] Features, int Class)[] TestRows(bool twoClasses) => Test.Where(r => !twoClasses || r.Class < 2).ToArray();

    /// <summary>Binary cases, and multiclass ones on a Boolean label, use classes 0 and 1 only.</summary>
    private static bool TwoClasses(bool binary, Kind kind) => binary || kind == Kind.Boolean;

    /// <summary>
    /// Training rows (10 labeled per class, the rest missing in the kind's own way) and test rows (all labeled), with the
    /// label of <paramref name="kind"/>: class c is <c>values[c]</c> for numbers, c == 1 for Boolean, a fruit name for
    /// text, and that name keyed by <c>MapValueToKey</c> (occurrence order, fitted on the training rows) for keys.
    /// </summary>
    private (IDataView Train, IDataView Test) Views(bool binary, Kind kind, float[]? values)
    {
        bool twoClasses = TwoClasses(binary, kind);
        var train = Train.Where(r => !twoClasses || r.Class < 2).ToArray();
        var test = TestRows(twoClasses);
        var seen = new int[3];
        var labeled = train.Select(r => kind == Kind.Boolean || seen[r.Class]++ < 10).ToArray();
        switch (kind)
        {
            case Kind.Single:
                return (Load(train.Select((r, i) => (labeled[i] ? values![r.Class] : float.NaN, r.Features))),
                    Load(test.Select(r => (values![r.Class], r.Features))));
            case Kind.Double:
                return (Load(train.Select((r, i) => (labeled[i] ? (double)values![r.Class] : double.NaN, r.Features))),
                    Load(test.Select(r => ((double)values![r.Class], r.Features))));
            case Kind.Boolean:
                return (Load(train.Select(r => (r.Class == 1, r.Features))), Load(test.Select(r => (r.Class == 1, r.Features))));
            default:
                var trainText = Load(train.Select((r, i) => (labeled[i] ? Fruit[r.Class] : "", r.Features)));
                var testText = Load(test.Select(r => (Fruit[r.Class], r.Features)));
                if (kind == Kind.Text)
                    return (trainText, testText);
                var toKey = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(trainText);
                return (toKey.Transform(trainText), toKey.Transform(testText));
        }
    }

    private IDataView Load<T>(IEnumerable<(T Label, float[] Features)> rows)
    {
        var schema = SchemaDefinition.Create(typeof(Row<T>));
        schema[nameof(Row<T>.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Dimension);
        return _ml.Data.LoadFromEnumerable(rows.Select(r => new Row<T> { Label = r.Label, Features = r.Features }).ToList(), schema);
    }

    private static (float[] Features, int Class)[] Blobs(Random random, int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            int c = i % 3;
            var centre = new[] { 1.5f * c, -c, 0.5f * c, 0f };
            return (centre.Select(x => x + (float)Gaussian(random)).ToArray(), c);
        }).ToArray();

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private sealed class Row<T>
    {
        public T Label { get; set; } = default!;

        public float[] Features { get; set; } = Array.Empty<float>();
    }
}
