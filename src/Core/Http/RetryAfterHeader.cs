namespace CryptoFunctions.Core.Http;

internal static class RetryAfterHeader
{
    /// <summary>How long a response's Retry-After asks to wait (seconds or a date); null without the header.</summary>
    public static TimeSpan? Wait(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        return header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
    }
}
