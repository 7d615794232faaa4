using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

/// <summary>
/// The saved form of a model fitted on sparse features (featurized text, <see cref="LabelPropagationSparseModelFormat"/>):
/// it loads in a fresh MLContext and predicts exactly what the live model predicts, reads its state once per loaded
/// model, and fails with the checksum message when its state was changed. Runs alone:
/// <see cref="LabelPropagationSparseModelFormat.BuildCount"/> counts every sparse model built from a saved state in the process.
/// </summary>
[Collection(nameof(SparsePersistenceTests))]
public sealed class SparsePersistenceTests
{
    private static readonly string[] Outputs = ["PredictedLabel", "Score", "PropagatedLabel", "Confidence"];

    [Theory]
    [InlineData(true, NeighborMetric.Euclidean)]
    [InlineData(false, NeighborMetric.Euclidean)]
    [InlineData(true, NeighborMetric.Cosine)]
    public void SaveLoad_FeaturizedText_PredictsAsTheLiveModelOnTrainingAndNewRows(bool spreading, NeighborMetric metric)
    {
        var ml = new MLContext(1);
        var (featurizer, training, fresh) = Texts(ml, 400, 200);
        var model = Fit(ml, training, spreading, metric);
        Assert.True(((LabelPropagationTransformer)model).Model.IsSparse);

        var loaded = SaveAndLoad(ml, model, training.Schema);

        foreach (var data in new[] { training, fresh })
        {
            var live = model.Transform(data);
            var saved = loaded.Transform(data);
            foreach (var column in Outputs)
                Assert.Equal(EstimatorConformance.Values(live, column), EstimatorConformance.Values(saved, column));
        }
        // The new rows are predicted through the rebuilt index, not looked up: most of them are labeled, not all alike.
        var newLabels = loaded.Transform(fresh).GetColumn<string>("PropagatedLabel").ToArray();
        Assert.True(newLabels.Count(l => l.Length > 0) > newLabels.Length * 0.9, "new rows unlabeled");
        Assert.True(newLabels.Distinct().Count() >= TicketTexts.Topics.Length, "new rows all alike");
    }

    [Fact]
    public void SaveLoad_PipelineFromText_PredictionEngineGivesTheLiveAnswers()
    {
        var ml = new MLContext(1);
        var tickets = TicketTexts.Generate(300, 0.05, seed: 7);
        var newTickets = TicketTexts.Generate(30, 0, seed: 9);
        var pipeline = ml.Transforms.Text.FeaturizeText("Features", "Text").Append(ml.SemiSupervised.LabelSpreading());
        var raw = ml.Data.LoadFromEnumerable(tickets);
        var model = pipeline.Fit(raw);

        var loaded = SaveAndLoad(ml, model, raw.Schema);
        var live = ml.Model.CreatePredictionEngine<TicketText, Prediction>(model);
        var saved = new MLContext(3).Model.CreatePredictionEngine<TicketText, Prediction>(loaded);

        foreach (var ticket in tickets.Take(30).Concat(newTickets))
        {
            var expected = live.Predict(ticket);
            var actual = saved.Predict(ticket);
            Assert.Equal(expected.PropagatedLabel, actual.PropagatedLabel);
            Assert.Equal(expected.Score, actual.Score);
            Assert.Equal(expected.Confidence, actual.Confidence);
            Assert.Equal(expected.PredictedLabel, actual.PredictedLabel);
        }
    }

    [Fact]
    public void Save_SparseModel_WritesTheSparseFormatWithoutDensifyingTheRows()
    {
        var ml = new MLContext(1);
        var (_, training, _) = Texts(ml, 300, 1);
        var model = Fit(ml, training, spreading: true, NeighborMetric.Euclidean);
        using var stream = new MemoryStream();
        ml.Model.Save(model, training.Schema, stream);

        var entries = ZipEntries.Read(stream.ToArray()).Values.ToArray();
        bool Names(string contract) => entries.Any(e => e.AsSpan().IndexOf(System.Text.Encoding.Unicode.GetBytes(contract)) >= 0);
        Assert.True(Names(ML.SemiSupervised.Persistence.ModelContracts.LabelPropagationSparseConstantKeyV1));
        Assert.True(Names(ML.SemiSupervised.Persistence.ModelContracts.LabelPropagationSparseStateKeyV1));
        Assert.True(Names(ML.SemiSupervised.Persistence.ModelContracts.LabelPropagationSparsePredictV1));
        Assert.False(Names(ML.SemiSupervised.Persistence.ModelContracts.LabelPropagationPredictV3));
        // The entries (ML.NET compresses the data blocks inside them) hold no more than the sparse state's 8 bytes a
        // non-zero value and a few Singles a row, and some KB of schema: nothing that grows with rows x slots.
        var rows = ((LabelPropagationTransformer)model).Model.SparseSearch!.Rows;
        long sparseBytes = rows.EntryCount * 8 + rows.Count * (TicketTexts.Topics.Length + 2) * 4L;
        long savedBytes = entries.Sum(e => (long)e.Length);
        Assert.True(savedBytes < sparseBytes + 100_000, $"the zip's entries hold {savedBytes} bytes; the sparse state is {sparseBytes}");
    }

    [Fact]
    public void Load_TwoSparseModelsUsedAlternatelyRowByRow_BuildEachOnce()
    {
        var ml = new MLContext(1);
        var (_, training, fresh) = Texts(ml, 300, 60);
        var first = Fit(ml, training, spreading: true, NeighborMetric.Euclidean);
        var second = Fit(ml, training, spreading: false, NeighborMetric.Euclidean);
        long buildsBefore = LabelPropagationSparseModelFormat.BuildCount;
        Assert.Equal(EstimatorConformance.SavedEntries(ml, first, training.Schema), EstimatorConformance.SavedEntries(ml, first, training.Schema));

        var firstLoaded = SaveAndLoad(ml, first, training.Schema);
        var secondLoaded = SaveAndLoad(ml, second, training.Schema);
        var firstCopy = SaveAndLoad(ml, first, training.Schema);
        var models = new[] { first, firstLoaded, second, secondLoaded, firstCopy };
        var cursors = models.Select(m => m.Transform(fresh)).Select(v => (View: v, Cursor: v.GetRowCursor(v.Schema))).ToArray();
        var getters = cursors.Select(c => c.Cursor.GetGetter<float>(c.View.Schema["Confidence"])).ToArray();
        int rows = 0;
        while (cursors.All(c => c.Cursor.MoveNext()))
        {
            var values = new float[getters.Length];
            for (int m = 0; m < getters.Length; m++)
                getters[m](ref values[m]);
            Assert.Equal(values[0], values[1]);
            Assert.Equal(values[2], values[3]);
            Assert.Equal(values[0], values[4]);
            rows++;
        }
        foreach (var (_, cursor) in cursors)
            cursor.Dispose();

        Assert.Equal(60, rows);
        Assert.Equal(2, LabelPropagationSparseModelFormat.BuildCount - buildsBefore); // one per content, the copy shares it
        Assert.Equal(EstimatorConformance.Values(second.Transform(fresh), "Score"), EstimatorConformance.Values(secondLoaded.Transform(fresh), "Score"));
        Assert.Equal(2, LabelPropagationSparseModelFormat.BuildCount - buildsBefore);
    }

    [Fact]
    public void Load_StateWithFlippedBytes_ThrowsChecksumMismatchAndNeverPredictsSilently()
    {
        var ml = new MLContext(1);
        var (_, training, fresh) = Texts(ml, 200, 40);
        var model = Fit(ml, training, spreading: true, NeighborMetric.Euclidean);
        using var stream = new MemoryStream();
        ml.Model.Save(model, training.Schema, stream);
        var saved = stream.ToArray();
        var expected = EstimatorConformance.Values(model.Transform(fresh), "Score");

        FlippedStateBytes.AssertCaughtByTheChecksum(saved, loaded => EstimatorConformance.Values(loaded.Transform(fresh), "Score"), expected);
    }

    [Fact]
    public void Read_StateThatIsNotSparseRowsUnderAMatchingChecksum_ThrowsCorruptInsteadOfCrashing()
    {
        var ml = new MLContext(1);
        var (_, training, _) = Texts(ml, 120, 1);
        var model = ((LabelPropagationTransformer)Fit(ml, training, spreading: true, NeighborMetric.Euclidean)).Model;
        var (header, state) = LabelPropagationSparseModelFormat.Write(model);
        int rows = (int)header[4];
        float dimension = (float)header[5];
        Assert.Equal(model.Distributions, LabelPropagationSparseModelFormat.Read(header, state).Distributions);

        // Each change with the checksum written again over it (a zip written by a faulty writer, not a flipped byte).
        Action<float[]>[] changes =
        [
            s => s[rows] = dimension,        // row 0's first slot beyond the dimension
            s => s[rows] = -1,               // a negative slot
            s => s[0] += 1,                  // row 0 claims one more value than the rows hold
            s => s[rows + 1] = s[rows],      // row 0's slots not ascending
            s => s[0] = 0.5f,                // a count that is not an integer
        ];
        foreach (var change in changes)
        {
            var changedHeader = (double[])header.Clone();
            var changedState = (float[])state.Clone();
            change(changedState);
            ML.SemiSupervised.Persistence.StateChecksum.Write(changedHeader, 8, changedState);
            var e = Assert.Throws<InvalidOperationException>(() => LabelPropagationSparseModelFormat.Read(changedHeader, changedState));
            Assert.StartsWith("The saved label propagation state is corrupt", e.Message);
        }
    }

    [Fact]
    public void LoadFixture_SparseV1_PredictsWhatItPredictedWhenSaved()
    {
        // test/data/label_spreading_sparse_v1.zip: FeaturizeText then label spreading, saved with the sparse format
        // version 1 (see test/data/PROVENANCE.md); the CSV holds ten new tickets and what the model predicted for them.
        var directory = Path.Combine(AppContext.BaseDirectory, "data");
        var lines = File.ReadAllLines(Path.Combine(directory, "label_spreading_sparse_v1.csv"));
        var header = lines[0].Split(',');
        Assert.Equal(["Text", "PredictedLabel", "PropagatedLabel", "Score.0"], header[..4]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(10, rows.Length);
        var ml = new MLContext(42);
        var model = ml.Model.Load(Path.Combine(directory, "label_spreading_sparse_v1.zip"), out _);

        var scored = model.Transform(ml.Data.LoadFromEnumerable(rows.Select(r => new TicketText { Text = r[0] })));

        Assert.Equal(rows.Select(r => uint.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)), scored.GetColumn<uint>("PredictedLabel"));
        Assert.Equal(rows.Select(r => r[2]), scored.GetColumn<string>("PropagatedLabel"));
        var scores = scored.GetColumn<float[]>("Score").ToArray();
        for (int i = 0; i < rows.Length; i++)
            Assert.Equal(rows[i][3..].Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)), scores[i]);
    }

    [Fact]
    public void CheckSaveable_SlotsBeyondTheExactIntegersOfASingle_RefusesNamingTheLimit()
    {
        LabelPropagationSparseModelFormat.CheckSaveable(rows: 10, dimension: 1 << 24, entries: 100, classes: 3);

        var e = Assert.Throws<InvalidOperationException>(() =>
            LabelPropagationSparseModelFormat.CheckSaveable(rows: 10, dimension: (1 << 24) + 1, entries: 100, classes: 3));
        Assert.Contains("16,777,217 slots", e.Message);
        Assert.Contains("16,777,216", e.Message);
        var large = Assert.Throws<InvalidOperationException>(() =>
            LabelPropagationSparseModelFormat.CheckSaveable(rows: 10, dimension: 1000, entries: 1_500_000_000, classes: 3));
        Assert.Contains("1,500,000,000 non-zero values", large.Message);
    }

    private static (ITransformer Featurizer, IDataView Training, IDataView Fresh) Texts(MLContext ml, int rows, int newRows)
    {
        var tickets = TicketTexts.Generate(rows, 0.05, seed: 7);
        var newTickets = TicketTexts.Generate(newRows, 0, seed: 8);
        var raw = ml.Data.LoadFromEnumerable(tickets);
        var featurizer = ml.Transforms.Text.FeaturizeText("Features", "Text").Fit(raw);
        var training = ml.Data.Cache(featurizer.Transform(raw));
        var fresh = ml.Data.Cache(featurizer.Transform(ml.Data.LoadFromEnumerable(newTickets)));
        Assert.True(((VectorDataViewType)training.Schema["Features"].Type).Size > LabelPropagationEstimator.SparseReadDimension);
        return (featurizer, training, fresh);
    }

    private static ITransformer Fit(MLContext ml, IDataView training, bool spreading, NeighborMetric metric) => spreading
        ? ml.SemiSupervised.LabelSpreading(new LabelSpreadingOptions { NumberOfNeighbors = 10, Metric = metric }).Fit(training)
        : ml.SemiSupervised.LabelPropagation(new LabelPropagationOptions { NumberOfNeighbors = 10, Metric = metric, Kernel = LabelPropagationKernel.NearestNeighborsRbf, Gamma = 2 }).Fit(training);

    private static ITransformer SaveAndLoad(MLContext ml, ITransformer model, DataViewSchema schema)
    {
        using var stream = new MemoryStream();
        ml.Model.Save(model, schema, stream);
        stream.Position = 0;
        return new MLContext(5).Model.Load(stream, out _);
    }

    private sealed class Prediction
    {
        public string PropagatedLabel { get; set; } = "";

        public float[] Score { get; set; } = [];

        public uint PredictedLabel { get; set; }

        public float Confidence { get; set; }
    }
}

/// <summary>Runs <see cref="SparsePersistenceTests"/> alone: it counts models built process-wide.</summary>
[CollectionDefinition(nameof(SparsePersistenceTests), DisableParallelization = true)]
public sealed class SparsePersistenceCollection
{
}
