using System.ComponentModel.DataAnnotations;
using CryptoFunctions.Core.Http;

namespace CryptoFunctions.Core.News;

public sealed class NewsOptions : IRetrySettings
{
    public const string SectionName = "News";

    /// <summary>A JSON catalog replacing the shipped one; null uses the shipped catalog.</summary>
    public string? SourcesFile { get; set; }

    [Range(1, 64)]
    public int MaxConcurrentFetches { get; set; } = 8;

    /// <summary>Budget for one source: all attempts, waits and reading the body.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SourceTimeout { get; set; } = TimeSpan.FromSeconds(60);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A 429 asking to wait longer than this is recorded as a failure instead of waited out.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1024, 256L * 1024 * 1024)]
    public long MaxResponseBytes { get; set; } = 10L * 1024 * 1024;

    [Required]
    public string UserAgent { get; set; } = "CryptoFunctions/1.0 (news collector)";

    /// <summary>Articles whose normalised titles match within this window are one story.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan SyndicationWindow { get; set; } = TimeSpan.FromHours(48);

    [Range(100, 100_000)]
    public int MaxSummaryLength { get; set; } = 2000;
}
