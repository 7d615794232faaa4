using System.Globalization;
using Microsoft.ML.SemiSupervised.Neural;
using Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.Persistence;

/// <summary>The model saves into an ML.NET zip and loads in a fresh MLContext with identical predictions; the saved format stays loadable.</summary>
public sealed class NeuralPersistenceTests
{
    [Fact]
    public void SaveLoad_FreshContext_IdenticalPredictionsAndNetworkBuiltOnce()
    {
        var ml = new MLContext(seed: 1);
        var data = IrisRows.PartlyLabeled(ml);
        var model = ml.SemiSupervised.FixMatch(QuickOptions.FixMatch()).Fit(data);
        var live = Scores(ml, model.Transform(data));
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;

        var fresh = new MLContext(seed: 7);
        var loaded = fresh.Model.Load(stream, out _);
        long before = NeuralModelFormat.BuildCount;
        var reloaded = Scores(fresh, loaded.Transform(IrisRows.PartlyLabeled(fresh)));

        Assert.Equal(live.Select(s => s.PredictedLabel), reloaded.Select(s => s.PredictedLabel));
        Assert.Equal(live.Select(s => s.Score), reloaded.Select(s => s.Score));
        Assert.Equal(1, NeuralModelFormat.BuildCount - before);
    }

    /// <summary>The loaded model reads the saved weights once (its first row gets the full state, every later row the empty one), not per row.</summary>
    [Fact]
    public void Transform_LoadedModelTwoPasses_ReadsTheWeightsOnce()
    {
        var ml = new MLContext(seed: 1);
        var data = IrisRows.PartlyLabeled(ml);
        var model = ml.SemiSupervised.FixMatch(QuickOptions.FixMatch(seed: 3)).Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var fresh = new MLContext(seed: 7);
        var loaded = fresh.Model.Load(stream, out _);
        long before = NeuralStateKeyFactory.FullStateRows;

        var first = Scores(fresh, loaded.Transform(IrisRows.PartlyLabeled(fresh)));
        var second = Scores(fresh, loaded.Transform(IrisRows.PartlyLabeled(fresh)));

        Assert.Equal(2 * 150, first.Length + second.Length);
        Assert.Equal(1, NeuralStateKeyFactory.FullStateRows - before);
    }

    /// <summary>
    /// ML.NET computes a transform's new columns on split cursors, one worker thread each (at least two, whatever the
    /// cores), so the loaded model's first rows arrive on two threads at once: while the first row builds the network
    /// (slow enough here, a million weights, that the other thread's first row comes meanwhile), the other waits for it
    /// rather than taking the weights a second time. Before, it took them whenever the network was not yet in memory.
    /// </summary>
    [Fact]
    public void Transform_LoadedModelOnSplitCursors_ReadsTheWeightsOnce()
    {
        var (fresh, loaded, live) = LargeNetworkSavedAndLoaded();
        var data = IrisRows.PartlyLabeled(fresh);
        long before = NeuralStateKeyFactory.FullStateRows;
        long built = NeuralModelFormat.BuildCount;

        var scored = Scores(fresh, loaded.Transform(data));

        Assert.Equal(1, NeuralStateKeyFactory.FullStateRows - before);
        Assert.Equal(1, NeuralModelFormat.BuildCount - built);
        Assert.Equal(live.Select(s => s.Score), scored.Select(s => s.Score));
    }

    /// <summary>Four prediction engines of one loaded model, started together on four threads: the weights are read once, and every engine predicts what the live model does.</summary>
    [Fact]
    public void PredictionEngines_LoadedModelOnFourThreads_ReadTheWeightsOnceAndPredictAsLive()
    {
        var (fresh, loaded, live) = LargeNetworkSavedAndLoaded();
        var rows = IrisRows.PartlyLabeled();
        long before = NeuralStateKeyFactory.FullStateRows;
        const int threads = 4;
        var results = new NeuralFixture.Prediction[threads][];
        var errors = new Exception?[threads];
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            try
            {
                var engine = fresh.Model.CreatePredictionEngine<IrisRows.Row, NeuralFixture.Prediction>(loaded);
                start.SignalAndWait();
                results[t] = rows.Select(r => engine.Predict(r)).ToArray();
            }
            catch (Exception e)
            {
                errors[t] = e;
            }
        })).ToArray();
        foreach (var worker in workers)
            worker.Start();
        foreach (var worker in workers)
            worker.Join();

        Assert.All(errors, e => Assert.Null(e));
        Assert.Equal(1, NeuralStateKeyFactory.FullStateRows - before);
        foreach (var result in results)
            Assert.Equal(live.Select(s => s.Score), result.Select(s => s.Score));
    }

    /// <summary>A FixMatch model of about a million weights (two hidden layers of 1,024; one epoch), saved and loaded in a fresh context, with the live model's predictions on iris.</summary>
    private static (MLContext Fresh, ITransformer Loaded, NeuralFixture.Prediction[] Live) LargeNetworkSavedAndLoaded()
    {
        var (_, saved, _, live) = SavedLargeNetwork();
        var fresh = new MLContext(seed: 7);
        return (fresh, fresh.Model.Load(new MemoryStream(saved), out _), live);
    }

    private static (MLContext Context, byte[] Zip, IDataView Data, NeuralFixture.Prediction[] Live) SavedLargeNetwork()
    {
        var ml = new MLContext(seed: 1);
        var data = IrisRows.PartlyLabeled(ml);
        var options = QuickOptions.FixMatch(seed: 4);
        options.HiddenLayerSizes = [1024, 1024];
        options.MaximumNumberOfIterations = 1;
        var model = ml.SemiSupervised.FixMatch(options).Fit(data);
        var live = Scores(ml, model.Transform(data));
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        return (ml, stream.ToArray(), data, live);
    }

    [Fact]
    public void Load_ChangedState_ThrowsChecksumMismatch()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.SemiSupervised.FixMatch(QuickOptions.FixMatch()).Fit(IrisRows.PartlyLabeled(ml));
        var (header, state) = NeuralModelFormat.Write(model.Model);
        state[^1] += 1;
        var error = Assert.Throws<InvalidOperationException>(() => NeuralModelFormat.Read(header, state));
        Assert.StartsWith("The saved neural network state is corrupt (checksum mismatch)", error.Message);
    }

    /// <summary>
    /// A saved zip whose weights were changed after saving never predicts silently: every row fails with the checksum
    /// message (ML.NET's split cursors wrap it as "Splitter/consolidator worker encountered exception"), and soon: the
    /// rows of the other worker thread, waiting for the first row's network, stop waiting when its state fails.
    /// </summary>
    [Fact]
    public void Transform_ZipWithChangedWeights_FailsEveryRowWithTheChecksumMessage()
    {
        var (_, saved, data, expected) = SavedLargeNetwork();
        var stateEntry = ZipEntries.Read(saved).Where(e => e.Key.EndsWith(".idv", StringComparison.Ordinal)).MaxBy(e => e.Value.Length).Key;
        int length = ZipEntries.Read(saved)[stateEntry].Length;
        int checksumErrors = 0;
        for (int position = length / 4; position < length - 16; position += length / 6)
        {
            var corrupt = ZipEntries.Rewrite(saved, stateEntry, bytes => bytes[position] ^= 0x5A);
            var fresh = new MLContext(seed: 7);
            ITransformer loaded;
            try
            {
                loaded = fresh.Model.Load(new MemoryStream(corrupt), out _);
            }
            catch (Exception error) when (error is not InvalidOperationException || !error.Message.Contains("checksum", StringComparison.Ordinal))
            {
                continue; // ML.NET could not read the entry at all: a clear failure at load, not a silent one
            }
            var watch = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                Assert.Equal(expected.Select(p => p.Score), Scores(fresh, loaded.Transform(data)).Select(p => p.Score)); // the flip hit bytes that do not carry the state
            }
            catch (InvalidOperationException error)
            {
                var inner = error.Message.StartsWith("Splitter/consolidator", StringComparison.Ordinal) ? error.InnerException! : error;
                Assert.StartsWith("The saved neural network state is corrupt (checksum mismatch)", inner.Message);
                Assert.Contains("save the model again", inner.Message);
                Assert.True(watch.Elapsed < LoadedStateKeyWaitLimit / 2, $"the failure took {watch.Elapsed}: a row waited for a network that never came");
                checksumErrors++;
            }
        }
        Assert.True(checksumErrors > 0, "no changed byte reached the checksum");
    }

    private static readonly TimeSpan LoadedStateKeyWaitLimit = TimeSpan.FromSeconds(60);

    /// <summary>
    /// test/data/neural_fixmatch_iris_v1.zip, saved with neural format version 1 (test/data/PROVENANCE.md), still loads
    /// and predicts what it predicted when it was saved (neural_fixmatch_iris_v1.csv).
    /// </summary>
    [Fact]
    public void Load_FixtureV1_PredictsSavedPredictions()
    {
        var ml = new MLContext(seed: 1);
        var loaded = ml.Model.Load(Path.Combine(AppContext.BaseDirectory, "data", NeuralFixture.ZipName), out _);
        var expected = NeuralFixture.ReadPredictions(Path.Combine(AppContext.BaseDirectory, "data", NeuralFixture.CsvName));
        var rows = expected.Select(e => new IrisRows.Row { Features = e.Features, Label = float.NaN }).ToArray();
        var actual = Scores(ml, loaded.Transform(ml.Data.LoadFromEnumerable(rows)));

        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].PredictedLabel, actual[i].PredictedLabel);
            for (int c = 0; c < expected[i].Score.Length; c++)
                Assert.Equal(expected[i].Score[c], actual[i].Score[c], 5);
        }
    }

    internal static NeuralFixture.Prediction[] Scores(MLContext ml, IDataView scored) =>
        ml.Data.CreateEnumerable<NeuralFixture.Prediction>(scored, reuseRowObject: false).ToArray();
}
