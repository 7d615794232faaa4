using Microsoft.ML.SemiSupervised.Persistence;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.SemiSupervised.Reports;

/// <summary>
/// Recreates, on load, the mapping that emits the constant key of the saved report (contract
/// <see cref="ModelContracts.ReportKeyV1"/>). Its column is dropped at once, so scoring never calls it;
/// <see cref="MapCount"/> lets a test see that.
/// </summary>
[CustomMappingFactoryAttribute(ModelContracts.ReportKeyV1)]
internal sealed class ReportKeyFactory : CustomMappingFactory<ReportRows.NoInput, ReportRows.KeyRow>
{
    /// <summary>The key the report text is stored under.</summary>
    public const uint ReportKey = 1;

    private static long s_mapCount;

    /// <summary>How many rows the key mapping was called for in this process (for tests).</summary>
    public static long MapCount => Interlocked.Read(ref s_mapCount);

    /// <summary>The mapping: every row gets the report's key.</summary>
    public static void Map(ReportRows.NoInput input, ReportRows.KeyRow output)
    {
        Interlocked.Increment(ref s_mapCount);
        output.Key = ReportKey;
    }

    /// <inheritdoc />
    public override Action<ReportRows.NoInput, ReportRows.KeyRow> GetMapping() => Map;
}
