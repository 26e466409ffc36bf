using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CryptoFunctions.Core.Prices;

/// <summary>A Binance-compatible <c>/api/v3/klines</c> at 5-minute interval, paged by open time.</summary>
public sealed class KlinesClient(HttpClient http, IOptions<PriceOptions> options, TimeProvider time)
{
    public const string HttpClientName = "prices-klines";
    public const string ApiKeyHeader = "X-MBX-APIKEY";
    private const long StepMs = 5 * 60 * 1000;

    /// <summary>
    /// The closed bars of <paramref name="pair"/> whose close instant lies in [<paramref name="firstTs"/>, <paramref name="lastTs"/>],
    /// stored under <paramref name="symbol"/>. The bar still open is left out: it would change after it was stored.
    /// </summary>
    public async Task<IReadOnlyList<Kline>> GetAsync(string symbol, string pair, DateTimeOffset firstTs, DateTimeOffset lastTs, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var bars = new List<Kline>();
        var startOpen = firstTs.ToUnixTimeMilliseconds() - StepMs;
        var endOpen = lastTs.ToUnixTimeMilliseconds() - StepMs;
        while (startOpen <= endOpen)
        {
            var url = new Uri(o.KlinesBaseUrl, string.Create(CultureInfo.InvariantCulture,
                $"api/v3/klines?symbol={Uri.EscapeDataString(pair)}&interval=5m&startTime={startOpen}&endTime={endOpen}&limit={o.KlinesPageSize}"));
            var body = await PriceApiRequest.GetAsync(http, url, (ApiKeyHeader, o.KlinesApiKey), $"klines {pair}", cancellationToken);
            var page = Parse(body, symbol, $"klines {pair}");
            foreach (var bar in page)
            {
                if (bar.Ts <= now && bar.Ts >= firstTs && bar.Ts <= lastTs)
                {
                    bars.Add(bar);
                }
            }
            if (page.Count < o.KlinesPageSize)
            {
                break;
            }
            var nextOpen = page[^1].Ts.ToUnixTimeMilliseconds();
            if (nextOpen <= startOpen)
            {
                throw new PriceApiException($"klines {pair}: the API returned bars out of order (page starting {startOpen} ends at open time {nextOpen - StepMs})");
            }
            startOpen = nextOpen;
        }
        return bars;
    }

    /// <summary>
    /// Parses <c>[[openTime, "open", "high", "low", "close", "volume", closeTime, "quoteVolume", trades, ...], ...]</c>
    /// without building a document: a year of one symbol's bars is 105,000 rows.
    /// </summary>
    public static List<Kline> Parse(ReadOnlySpan<byte> body, string symbol, string what)
    {
        var bars = new List<Kline>();
        var reader = new Utf8JsonReader(body);
        try
        {
            Expect(ref reader, JsonTokenType.StartArray, what, "an array of bars");
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw Malformed(what, bars.Count, "is not an array");
                }
                var openTime = ReadLong(ref reader, what, bars.Count);
                var open = ReadNumber(ref reader, what, bars.Count);
                var high = ReadNumber(ref reader, what, bars.Count);
                var low = ReadNumber(ref reader, what, bars.Count);
                var close = ReadNumber(ref reader, what, bars.Count);
                var volume = ReadNumber(ref reader, what, bars.Count);
                ReadLong(ref reader, what, bars.Count);
                var quoteVolume = ReadNumber(ref reader, what, bars.Count);
                var trades = ReadLong(ref reader, what, bars.Count);
                var depth = 1;
                while (depth > 0 && reader.Read())
                {
                    depth += reader.TokenType switch
                    {
                        JsonTokenType.StartArray or JsonTokenType.StartObject => 1,
                        JsonTokenType.EndArray or JsonTokenType.EndObject => -1,
                        _ => 0,
                    };
                }
                if (openTime % StepMs != 0)
                {
                    throw Malformed(what, bars.Count, $"opens at {openTime}, which is not on the 5-minute grid (was the interval 5m?)");
                }
                if (!(open > 0 && high > 0 && low > 0 && close > 0 && volume >= 0))
                {
                    throw Malformed(what, bars.Count, "has a price that is not positive or a negative volume");
                }
                bars.Add(new Kline(symbol, DateTimeOffset.FromUnixTimeMilliseconds(openTime + StepMs),
                    open, high, low, close, volume, quoteVolume, (int)Math.Min(trades, int.MaxValue)));
            }
            if (reader.TokenType != JsonTokenType.EndArray)
            {
                throw new PriceApiException($"{what}: the answer ends before its closing bracket");
            }
        }
        catch (JsonException e)
        {
            throw new PriceApiException($"{what}: the answer is not valid JSON ({e.Message})", e);
        }
        return bars;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what, string description)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new PriceApiException($"{what}: expected {description}, found {(reader.TokenType == JsonTokenType.None ? "nothing" : reader.TokenType.ToString())}");
        }
    }

    private static long ReadLong(ref Utf8JsonReader reader, string what, int index)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var value))
        {
            throw Malformed(what, index, "lacks an integer where a time or count belongs");
        }
        return value;
    }

    private static double ReadNumber(ref Utf8JsonReader reader, string what, int index)
    {
        if (!reader.Read())
        {
            throw Malformed(what, index, "is cut short");
        }
        // Binance sends prices as strings ("16541.77000000") to keep their decimals; plain numbers are accepted too.
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var number))
        {
            return number;
        }
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped
            && double.TryParse(reader.ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed))
        {
            return parsed;
        }
        throw Malformed(what, index, "has a value that is not a number");
    }

    private static PriceApiException Malformed(string what, int index, string problem) =>
        new($"{what}: bar #{index + 1} {problem}");
}
