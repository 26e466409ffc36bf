using System.ComponentModel.DataAnnotations;
using CryptoFunctions.Core.Http;

namespace CryptoFunctions.Core.Prices;

public sealed class PriceOptions : IRetrySettings
{
    public const string SectionName = "Prices";

    /// <summary>Base of a CoinGecko-compatible API (<c>/api/v3/coins/markets</c>).</summary>
    [Required]
    public Uri MarketsBaseUrl { get; set; } = new("https://api.coingecko.com/");

    /// <summary>Sent in <see cref="MarketsApiKeyHeader"/> when set (keep it in app settings, not in files).</summary>
    public string? MarketsApiKey { get; set; }

    /// <summary><c>x-cg-demo-api-key</c> for CoinGecko's demo plan, <c>x-cg-pro-api-key</c> for Pro.</summary>
    [Required]
    public string MarketsApiKeyHeader { get; set; } = "x-cg-demo-api-key";

    [Required]
    public string VsCurrency { get; set; } = "usd";

    /// <summary>Coins per markets call; CoinGecko serves at most 250.</summary>
    [Range(1, 250)]
    public int MarketsPageSize { get; set; } = 250;

    /// <summary>Base of a Binance-compatible API (<c>/api/v3/klines</c>).</summary>
    [Required]
    public Uri KlinesBaseUrl { get; set; } = new("https://api.binance.com/");

    /// <summary>Sent as <c>X-MBX-APIKEY</c> when set; public klines need none.</summary>
    public string? KlinesApiKey { get; set; }

    [Range(1, 1000)]
    public int KlinesPageSize { get; set; } = 1000;

    [Range(1, 32)]
    public int MaxConcurrentKlineRequests { get; set; } = 4;

    /// <summary>Each cycle also fetches the closed 5-minute bars since each symbol's last one (OHLCV).</summary>
    public bool CatchUpKlines { get; set; } = true;

    /// <summary>How far back catch-up reaches for a symbol without bars, or after an outage.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan CatchUpWindow { get; set; } = TimeSpan.FromHours(24);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gaps in the grid are looked for over this trailing window (status, health).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "366.00:00:00")]
    public TimeSpan GapWindow { get; set; } = TimeSpan.FromDays(7);
}
