namespace CryptoFunctions.Core.Http;

/// <summary>How an outbound HTTP client retries: shared by the news feeds and the price APIs.</summary>
public interface IRetrySettings
{
    TimeSpan AttemptTimeout { get; }

    int MaxRetries { get; }

    TimeSpan RetryBaseDelay { get; }

    /// <summary>A 429 (or 418) asking to wait longer than this is a failure instead of being waited out.</summary>
    TimeSpan MaxRetryAfter { get; }
}
