using Microsoft.ML.Runtime;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Diagnostics;
using Microsoft.ML.SemiSupervised.Labels;

namespace Microsoft.ML.SemiSupervised;

public sealed partial class SemiSupervisedCatalog
{
    /// <summary>
    /// Checks that the labeled and unlabeled rows of <paramref name="data"/> come from the same distribution:
    /// the cross-validated AUC of a classifier trained to tell them apart (near 0.5: the same; near 1: they
    /// differ), and the features that separate them most.
    /// </summary>
    /// <param name="data">Rows with and without labels.</param>
    /// <param name="labelColumnName">The label column; a missing label (NaN, the missing key, empty text) marks an unlabeled row.</param>
    /// <param name="featureColumnName">The feature column: a known-size vector of Single.</param>
    /// <returns>The AUC, whether it reaches the threshold, and the most separating features.</returns>
    /// <exception cref="ArgumentException">A column is missing or mistyped, or a feature is not finite.</exception>
    public DistributionShiftReport CheckDistributionShift(IDataView data, string labelColumnName = "Label", string featureColumnName = "Features") =>
        CheckDistributionShift(data, new DistributionShiftOptions { LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName });

    /// <summary>Checks that labeled and unlabeled rows come from the same distribution, with every option.</summary>
    /// <param name="data">Rows with and without labels.</param>
    /// <param name="options">The options of the check.</param>
    /// <returns>The AUC, whether it reaches the threshold, and the most separating features.</returns>
    /// <exception cref="ArgumentException">An option is invalid, a column is missing or mistyped, or a feature is not finite.</exception>
    public DistributionShiftReport CheckDistributionShift(IDataView data, DistributionShiftOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var host = Environment.Register("DistributionShift");
        var table = LabeledTable.Load(data, options.FeatureColumnName, options.LabelColumnName, null, LabelTask.Multiclass);
        var random = options.Seed is { } seed ? new Random(seed) : new Random(host.Rand.Next());
        var report = DistributionShiftCheck.Run(Context, table.Features, table.Labels.Classes, options, random);
        using var channel = host.Start(nameof(CheckDistributionShift));
        Log(channel, report);
        return report;
    }

    /// <summary>Logs a shift report: a warning when the sets differ, information otherwise.</summary>
    internal static void Log(IChannel channel, DistributionShiftReport report)
    {
        if (report.IsShifted)
        {
            channel.Warning(MessageSensitivity.None, report + ". Unlabeled rows from another distribution can teach the wrong structure: " +
                "check where they come from before trusting a semi-supervised model, and compare it with the supervised baseline.");
        }
        else
        {
            channel.Info(MessageSensitivity.None, report.ToString());
        }
    }
}
