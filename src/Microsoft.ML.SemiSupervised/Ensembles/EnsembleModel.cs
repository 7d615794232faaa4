using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Labels;

namespace Microsoft.ML.SemiSupervised.Ensembles;

/// <summary>
/// Builds the fitted model of a co-training or tri-training estimator: one <see cref="TransformerChain{TLastTransformer}"/>
/// of ML.NET's own transformers, so that <c>mlContext.Model.Save</c> and <c>Load</c> handle it like any model.
/// </summary>
/// <remarks>
/// <para>The chain, in order:</para>
/// <list type="number">
/// <item>for a view cut from one column, that column copied under a working name;</item>
/// <item>per member: the slot selection of its view (a <c>SelectFeaturesBasedOnCount</c> transformer fitted so that it
/// keeps exactly those slots), its classifier, its Probability (binary) or Score (multiclass) copied under a member
/// column, and the classifier's output columns dropped;</item>
/// <item>the combination: a custom mapping with a fixed contract name (<see cref="Persistence.ModelContracts"/>; mappings in <see cref="CoTraining.CoTrainingCombiners"/> and
/// <see cref="TriTraining.TriTrainingCombiners"/>) writing Score, Probability and PredictedLabel (binary), or a padded
/// distribution and a class number (multiclass), which a slot selection turns into the Score vector and a value
/// mapping into a PredictedLabel key with the label's own key values;</item>
/// <item>the working columns dropped.</item>
/// </list>
/// <para>The custom mappings are found again on load because ML.NET records this assembly in the model: a program
/// that loads the model must reference this library.</para>
/// </remarks>
internal static class EnsembleModel
{
    private static readonly string[] ClassifierColumns = ["Score", "PredictedLabel", "Probability"];

    /// <summary>Builds the chain for <paramref name="members"/> combined by <paramref name="combiner"/>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="inputSchema">The schema of the data the model will transform.</param>
    /// <param name="task">Binary or multiclass.</param>
    /// <param name="members">The fitted members.</param>
    /// <param name="combiner">The custom mapping that combines the member columns.</param>
    /// <param name="labelAnnotations">For multiclass, the key values the classifiers' PredictedLabel carries.</param>
    /// <param name="classCount">The number of classes.</param>
    public static TransformerChain<ITransformer> Build(MLContext context, DataViewSchema inputSchema, LabelTask task,
        IReadOnlyList<EnsembleMember> members, IEstimator<ITransformer> combiner, DataViewSchema.Annotations? labelAnnotations, int classCount)
    {
        var steps = new List<ITransformer>();
        IDataView current = new EmptyDataView(inputSchema);
        void Add(ITransformer transformer)
        {
            steps.Add(transformer);
            current = transformer.Transform(current);
        }
        void Fit(IEstimator<ITransformer> estimator) => Add(estimator.Fit(current));

        var cut = members.FirstOrDefault(m => m.Slots is not null);
        if (cut is not null)
            Fit(context.Transforms.CopyColumns(EnsembleRows.Features, cut.SourceColumnName));
        for (int i = 0; i < members.Count; i++)
        {
            var member = members[i];
            if (member.Slots is { } slots)
                Add(SlotSelection(context, EnsembleRows.Features, member.FeatureColumnName, member.SourceDimension, slots));
            Add(member.Model);
            Fit(context.Transforms.CopyColumns(EnsembleRows.Member(i), task == LabelTask.Binary ? "Probability" : "Score"));
            Fit(context.Transforms.DropColumns(ClassifierColumns.Where(c => current.Schema.GetColumnOrNull(c) is not null && inputSchema.GetColumnOrNull(c) is null).ToArray()));
        }
        if (cut is not null)
            Fit(context.Transforms.CopyColumns(cut.SourceColumnName, EnsembleRows.Features));

        Fit(combiner);
        if (task == LabelTask.Multiclass)
        {
            Add(SlotSelection(context, EnsembleRows.Distribution, "Score", EnsembleRows.MaximumClassCount, Enumerable.Range(0, classCount).ToArray()));
            foreach (var step in PredictedLabelSteps(context, labelAnnotations, classCount))
                Fit(step);
        }
        string[] working = [EnsembleRows.Member1, EnsembleRows.Member2, EnsembleRows.Member3, EnsembleRows.Features, EnsembleRows.Distribution, EnsembleRows.Class, EnsembleRows.ClassValue];
        Fit(context.Transforms.DropColumns(working.Where(c => current.Schema.GetColumnOrNull(c) is not null).ToArray()));
        return new TransformerChain<ITransformer>(steps.ToArray());
    }

    /// <summary>
    /// A transformer that keeps <paramref name="slots"/> of a vector column: ML.NET's count-based feature selection,
    /// fitted on one row that is non-zero exactly in those slots. It is a built-in transformer, so it saves and loads.
    /// </summary>
    public static ITransformer SlotSelection(MLContext context, string inputColumnName, string outputColumnName, int dimension, int[] slots)
    {
        var marks = new float[dimension];
        foreach (var slot in slots)
            marks[slot] = 1;
        var column = InMemoryColumn.Create(inputColumnName, new VectorDataViewType(NumberDataViewType.Single, dimension),
            (int row, ref VBuffer<float> value) => new VBuffer<float>(dimension, marks).CopyTo(ref value));
        var oneRow = new InMemoryDataView([column], [0]);
        return context.Transforms.FeatureSelection.SelectFeaturesBasedOnCount(outputColumnName, inputColumnName, count: 1).Fit(oneRow);
    }

    /// <summary>The steps that turn the class number into a PredictedLabel key carrying the label's key values.</summary>
    private static IEnumerable<IEstimator<ITransformer>> PredictedLabelSteps(MLContext context, DataViewSchema.Annotations? annotations, int classCount)
    {
        var keyValues = annotations?.Schema.GetColumnOrNull("KeyValues");
        var itemType = (keyValues?.Type as VectorDataViewType)?.ItemType;
        return itemType switch
        {
            TextDataViewType => Steps<string, ReadOnlyMemory<char>>(context, TextDataViewType.Instance, Read<ReadOnlyMemory<char>>(annotations!, keyValues!.Value).Select(v => v.ToString()).ToArray(),
                (int row, string[] values, ref ReadOnlyMemory<char> value) => value = values[row].AsMemory()),
            NumberDataViewType t when t == NumberDataViewType.Single => Steps<float, float>(context, t, Read<float>(annotations!, keyValues!.Value), Copy<float>),
            NumberDataViewType t when t == NumberDataViewType.Double => Steps<double, double>(context, t, Read<double>(annotations!, keyValues!.Value), Copy<double>),
            BooleanDataViewType => Steps<bool, bool>(context, BooleanDataViewType.Instance, Read<bool>(annotations!, keyValues!.Value), Copy<bool>),
            _ => Steps<uint, uint>(context, NumberDataViewType.UInt32, Enumerable.Range(1, classCount).Select(i => (uint)i).ToArray(), Copy<uint>),
        };
    }

    private delegate void ValueWriter<TStored, TColumn>(int row, TStored[] values, ref TColumn value);

    private static void Copy<T>(int row, T[] values, ref T value) => value = values[row];

    private static IEnumerable<IEstimator<ITransformer>> Steps<TStored, TColumn>(MLContext context, PrimitiveDataViewType itemType, TStored[] values, ValueWriter<TStored, TColumn> write)
    {
        var pairs = values.Select((v, i) => new KeyValuePair<uint, TStored>((uint)i + 1, v)).ToArray();
        yield return context.Transforms.Conversion.MapValue(EnsembleRows.ClassValue, pairs, EnsembleRows.Class);
        var column = InMemoryColumn.Create(EnsembleRows.ClassValue, itemType, (int row, ref TColumn value) => write(row, values, ref value));
        var keyData = new InMemoryDataView([column], Enumerable.Range(0, values.Length).ToArray());
        yield return context.Transforms.Conversion.MapValueToKey("PredictedLabel", EnsembleRows.ClassValue, keyData: keyData);
    }

    private static T[] Read<T>(DataViewSchema.Annotations annotations, DataViewSchema.Column column)
    {
        VBuffer<T> values = default;
        annotations.GetGetter<VBuffer<T>>(column)(ref values);
        return values.DenseValues().ToArray();
    }
}
