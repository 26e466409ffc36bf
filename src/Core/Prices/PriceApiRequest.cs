using System.Globalization;
using System.Net;
using CryptoFunctions.Core.Http;

namespace CryptoFunctions.Core.Prices;

/// <summary>One GET against a price API, turned into the body or a <see cref="PriceApiException"/> that says what went wrong.</summary>
internal static class PriceApiRequest
{
    private const int MaxBodyBytes = 32 * 1024 * 1024;

    /// <param name="apiKey">Sent in the header it names when its value is set.</param>
    public static async Task<byte[]> GetAsync(
        HttpClient client, Uri url, (string Header, string? Value) apiKey, string what, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (!string.IsNullOrEmpty(apiKey.Value))
            {
                request.Headers.TryAddWithoutValidation(apiKey.Header, apiKey.Value);
            }
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
            || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new PriceApiException($"{what}: no answer from {url.Host} ({e.Message})", e) { NoAnswer = true };
        }
        using (response)
        {
            if (response.Content.Headers.ContentLength > MaxBodyBytes)
            {
                throw new PriceApiException($"{what}: the answer is larger than {MaxBodyBytes / (1024 * 1024)} MiB");
            }
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return body;
            }
            throw new PriceApiException($"{what}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}{RetryAfter(response)}: {Excerpt(body)}")
            {
                // Binance answers an unknown pair with 400 and code -1121 ("Invalid symbol.").
                UnknownSymbol = response.StatusCode == HttpStatusCode.BadRequest && Excerpt(body).Contains("-1121", StringComparison.Ordinal),
            };
        }
    }

    private static string RetryAfter(HttpResponseMessage response) =>
        RetryAfterHeader.Wait(response) is { } w
            ? string.Create(CultureInfo.InvariantCulture, $" (asked to wait {w.TotalSeconds:0} s, longer than configured or after the last retry)")
            : "";

    private static string Excerpt(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300)).ReplaceLineEndings(" ").Trim();
        return text.Length == 0 ? "(empty body)" : text;
    }
}
