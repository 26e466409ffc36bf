using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace CryptoFunctions.Core.Prices;

/// <summary>A CoinGecko-compatible <c>/api/v3/coins/markets</c>: price, market cap, 24 h volume and rank for up to 250 ids per call.</summary>
public sealed class MarketsClient(HttpClient http, IOptions<PriceOptions> options)
{
    public const string HttpClientName = "prices-markets";

    public Uri PageUrl(IReadOnlyList<string> coingeckoIds)
    {
        var o = options.Value;
        var query = $"api/v3/coins/markets?vs_currency={Uri.EscapeDataString(o.VsCurrency)}"
            + $"&ids={Uri.EscapeDataString(string.Join(',', coingeckoIds))}&per_page={o.MarketsPageSize}&page=1&sparkline=false";
        return new Uri(o.MarketsBaseUrl, query);
    }

    /// <summary>The coins the API returned, by CoinGecko id; ids it does not know are simply absent.</summary>
    public async Task<IReadOnlyList<MarketQuote>> GetAsync(IReadOnlyList<string> coingeckoIds, string what, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var body = await PriceApiRequest.GetAsync(http, PageUrl(coingeckoIds), (o.MarketsApiKeyHeader, o.MarketsApiKey), what, cancellationToken);
        return Parse(body, what);
    }

    public static IReadOnlyList<MarketQuote> Parse(ReadOnlySpan<byte> body, string what)
    {
        List<MarketQuote>? quotes;
        try
        {
            quotes = JsonSerializer.Deserialize(body, MarketsJsonContext.Default.ListMarketQuote);
        }
        catch (JsonException e)
        {
            throw new PriceApiException($"{what}: the answer is not a JSON array of coins ({e.Message})", e);
        }
        if (quotes is null)
        {
            throw new PriceApiException($"{what}: the answer is null instead of an array of coins");
        }
        if (quotes.Any(q => string.IsNullOrEmpty(q.Id)))
        {
            throw new PriceApiException($"{what}: a coin in the answer has no id");
        }
        return quotes;
    }
}

/// <summary>The fields of one markets entry this system keeps; the others are ignored.</summary>
public sealed record MarketQuote(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("current_price")] double? CurrentPrice,
    [property: JsonPropertyName("market_cap")] double? MarketCap,
    [property: JsonPropertyName("total_volume")] double? TotalVolume,
    [property: JsonPropertyName("market_cap_rank")] int? MarketCapRank);

[JsonSerializable(typeof(List<MarketQuote>))]
internal sealed partial class MarketsJsonContext : JsonSerializerContext;
