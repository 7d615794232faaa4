using System.Reflection;
using Microsoft.ML.SemiSupervised.Neural;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.Conformance;

/// <summary>
/// The neural estimator keeps its own copy of the options (a hand-written <c>Clone</c> per method), the counterpart of
/// the core suite's "options changed after construction change nothing": a setting the copy forgot would be silently
/// replaced by its default. Every settable option (public, and the internal test hook) is set to a value other than
/// its default, and the copy must carry each one.
/// </summary>
public sealed class NeuralOptionsCopyTests
{
    public static TheoryData<Type> OptionTypes() => [typeof(FixMatchOptions), typeof(MixMatchOptions), typeof(MeanTeacherOptions), typeof(PseudoLabelingOptions)];

    [Theory]
    [MemberData(nameof(OptionTypes))]
    public void Clone_EveryOptionChangedFromItsDefault_IsCopied(Type optionsType)
    {
        var options = (NeuralNetworkOptions)Activator.CreateInstance(optionsType)!;
        var properties = optionsType.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(p => p.CanRead && p.SetMethod is { } set && (set.IsPublic || set.IsAssembly))
            .ToArray();
        Assert.True(properties.Length > 20, $"{optionsType.Name} lists {properties.Length} settable options");
        foreach (var property in properties)
        {
            var changed = Changed(property.PropertyType, property.GetValue(options));
            property.SetValue(options, changed);
            Assert.False(Same(changed, Activator.CreateInstance(optionsType) is { } fresh ? property.GetValue(fresh) : null), $"{property.Name} was not changed from its default");
        }

        var copy = options.Clone();

        Assert.IsType(optionsType, copy);
        foreach (var property in properties)
            Assert.True(Same(property.GetValue(options), property.GetValue(copy)), $"{optionsType.Name}.{property.Name} is not copied");
    }

    private static object Changed(Type type, object? current)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string))
            return "Changed";
        if (underlying == typeof(bool))
            return !(bool)(current ?? false);
        if (underlying == typeof(int))
            return (int)(current ?? 0) + 3;
        if (underlying == typeof(double))
            return (double)(current ?? 0.0) / 2 + 0.0125;
        if (underlying.IsEnum)
            return Enum.GetValues(underlying).Cast<object>().First(v => !v.Equals(current));
        if (underlying == typeof(int[]))
            return new[] { 7, 5 };
        if (underlying == typeof(CancellationToken))
            return new CancellationTokenSource().Token;
        if (underlying == typeof(Augmentation))
            return new GaussianNoiseAugmentation { StandardDeviation = 0.3 };
        if (underlying == typeof(IDataView))
            return new MLContext(1).Data.LoadFromEnumerable(new[] { new { Value = 1f } });
        if (underlying == typeof(Action<NeuralEpoch>))
            return (Action<NeuralEpoch>)(_ => { });
        throw new InvalidOperationException($"No changed value for an option of type {type.Name}: extend this test.");
    }

    private static bool Same(object? a, object? b) => (a, b) switch
    {
        (int[] x, int[] y) => x.SequenceEqual(y),
        _ => Equals(a, b),
    };
}
