using System.ComponentModel.DataAnnotations;

namespace CryptoFunctions.Core.Features;

public sealed class FeatureOptions
{
    public const string SectionName = "Features";

    /// <summary>
    /// Changes stamped up to this long before the last run's start are looked at again: a transaction that
    /// began before the run but committed after it carries an earlier stamp. Looking twice costs nothing.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ChangeSafetyMargin { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Rows computed and written per batch of symbols (memory: about 0.5 KB a row).</summary>
    [Range(1_000, 5_000_000)]
    public int RowsPerBatch { get; set; } = 250_000;
}
