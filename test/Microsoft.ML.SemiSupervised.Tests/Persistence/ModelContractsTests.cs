using System.Reflection;
using Microsoft.ML.SemiSupervised.Persistence;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.SemiSupervised.Tests.Persistence;

/// <summary>
/// Every contract name a saved zip can name is declared in <see cref="ModelContracts"/>: no factory registers a name
/// declared elsewhere, and no declared name lacks its factory (a zip naming it would not load).
/// </summary>
public sealed class ModelContractsTests
{
    [Fact]
    public void EveryFactoryContractIsDeclaredInModelContracts()
    {
        var declared = DeclaredContracts();
        var registered = RegisteredContracts();

        Assert.Empty(registered.Keys.Except(declared.Values, StringComparer.Ordinal));
        Assert.Empty(declared.Values.Except(registered.Keys, StringComparer.Ordinal));
    }

    [Fact]
    public void EveryContractNameIsUniqueAndVersioned()
    {
        var declared = DeclaredContracts();

        Assert.Equal(declared.Count, declared.Values.Distinct(StringComparer.Ordinal).Count());
        foreach (var (field, name) in declared)
        {
            Assert.StartsWith("Microsoft.ML.SemiSupervised.", name, StringComparison.Ordinal);
            var version = name[(name.LastIndexOf('.') + 1)..];
            Assert.Matches("^v[0-9]+$", version);
            Assert.EndsWith(version.ToUpperInvariant(), field, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ContractNamesAreTheFrozenStrings()
    {
        // The names saved zips carry: a change here breaks every zip saved before it.
        string[] frozen =
        [
            "Microsoft.ML.SemiSupervised.LabelPropagation.StateKey.v1",
            "Microsoft.ML.SemiSupervised.LabelPropagation.Predict.v1",
            "Microsoft.ML.SemiSupervised.LabelPropagation.ConstantKey.v2",
            "Microsoft.ML.SemiSupervised.LabelPropagation.StateKey.v2",
            "Microsoft.ML.SemiSupervised.LabelPropagation.Predict.v2",
            "Microsoft.ML.SemiSupervised.LabelPropagation.ConstantKey.v3",
            "Microsoft.ML.SemiSupervised.LabelPropagation.StateKey.v3",
            "Microsoft.ML.SemiSupervised.LabelPropagation.Predict.v3",
            "Microsoft.ML.SemiSupervised.LabelPropagation.UnitLength.v1",
            "Microsoft.ML.SemiSupervised.LabelPropagation.Sparse.ConstantKey.v1",
            "Microsoft.ML.SemiSupervised.LabelPropagation.Sparse.StateKey.v1",
            "Microsoft.ML.SemiSupervised.LabelPropagation.Sparse.Predict.v1",
            "Microsoft.ML.SemiSupervised.CoTraining.BinaryProduct.v1",
            "Microsoft.ML.SemiSupervised.CoTraining.BinaryMean.v1",
            "Microsoft.ML.SemiSupervised.CoTraining.MulticlassProduct.v1",
            "Microsoft.ML.SemiSupervised.CoTraining.MulticlassMean.v1",
            "Microsoft.ML.SemiSupervised.TriTraining.BinaryVote.v1",
            "Microsoft.ML.SemiSupervised.TriTraining.MulticlassVote.v1",
            "Microsoft.ML.SemiSupervised.Report.ConstantKey.v1",
        ];

        Assert.Equal(frozen.Order(StringComparer.Ordinal), DeclaredContracts().Values.Order(StringComparer.Ordinal));
    }

    private static Dictionary<string, string> DeclaredContracts() =>
        typeof(ModelContracts).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);

    private static Dictionary<string, Type> RegisteredContracts()
    {
        var registered = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in typeof(ModelContracts).Assembly.GetTypes())
        {
            foreach (var attribute in type.GetCustomAttributes<CustomMappingFactoryAttributeAttribute>(inherit: false))
                registered.Add(attribute.ContractName, type);
        }
        Assert.NotEmpty(registered);
        return registered;
    }
}
