using System.ComponentModel.DataAnnotations;

namespace CryptoFunctions.Core.Backfill;

public sealed class BackfillOptions
{
    public const string SectionName = "Backfill";

    /// <summary>The longest range one request may cover.</summary>
    [Range(1, 3660)]
    public int MaxRangeDays { get; set; } = 1096;

    /// <summary>Days of 5-minute bars per price chunk (30 days = 8,640 bars, 9 klines requests).</summary>
    [Range(1, 366)]
    public int PriceChunkDays { get; set; } = 30;

    /// <summary>Article ids per sentiment chunk.</summary>
    [Range(1, 10_000)]
    public int SentimentChunkSize { get; set; } = 512;

    /// <summary>Symbols per feature chunk; feature chunks run one at a time (the table's run lock serialises them).</summary>
    [Range(1, 1000)]
    public int FeatureSymbolsPerChunk { get; set; } = 32;

    /// <summary>Chunks run at once (prices, news, sentiment).</summary>
    [Range(1, 64)]
    public int MaxParallelism { get; set; } = 4;

    /// <summary>Chunks an orchestration generation (or a CLI page) plans and fans out before continuing as new.</summary>
    [Range(1, 1000)]
    public int ChunksPerPage { get; set; } = 16;

    /// <summary>Attempts per chunk, the first included; waits double from <see cref="FirstRetryDelay"/>.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>WordPress posts per request (the REST API allows at most 100).</summary>
    [Range(1, 100)]
    public int WordPressPageSize { get; set; } = 100;
}
