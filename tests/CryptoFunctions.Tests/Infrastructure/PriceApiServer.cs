using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace CryptoFunctions.Tests.Infrastructure;

/// <summary>
/// CoinGecko's markets and Binance's klines endpoints on 127.0.0.1, answering from the recorded-format fixtures
/// under Fixtures/prices with the real APIs' paging, filtering and error shapes, and failing on request.
/// </summary>
public sealed class PriceApiServer : IAsyncLifetime
{
    public const string Folder = "Fixtures/prices";
    private readonly FeedServer _server = new();
    private readonly ConcurrentDictionary<string, List<(long OpenTime, string Json)>> _bars = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonObject> _coins = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<int, HttpContext, Task<bool>>> _faults = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _lastHeaders = new(StringComparer.OrdinalIgnoreCase);

    public Uri BaseUrl => _server.BaseUrl;

    /// <summary>Coins asked for but not recorded get a made-up entry (for large universes) instead of being left out.</summary>
    public bool InventUnknownCoins { get; set; }

    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Prices:MarketsBaseUrl"] = BaseUrl.ToString(),
        ["Prices:KlinesBaseUrl"] = BaseUrl.ToString(),
        ["Universe:File"] = Path.Combine(AppContext.BaseDirectory, Folder, "universe.json"),
    };

    /// <summary>Requests seen per pair ("BTCUSDT") or "markets".</summary>
    public int Requests(string key) => _requests.GetValueOrDefault(key);

    /// <summary>The value of <paramref name="header"/> in the latest request that carried it.</summary>
    public string? LastHeader(string header) => _lastHeaders.GetValueOrDefault(header);

    /// <summary>The handler answers request number n (1-based) of <paramref name="key"/> itself when it returns true.</summary>
    public void Fault(string key, Func<int, HttpContext, Task<bool>> handler) => _faults[key] = handler;

    public void ServeBars(string pair, IEnumerable<string[]> rows) =>
        _bars[pair] = rows.Select(r => (long.Parse(r[0], CultureInfo.InvariantCulture), "[" + string.Join(',', r) + "]")).ToList();

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, Folder), "*.klines.json"))
        {
            var pair = Path.GetFileName(file).Split('.')[0];
            ServeBars(pair, PriceFixtures.RawBars(pair));
        }
        foreach (var coin in JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, Folder, "coingecko-markets.json")))!.AsArray())
        {
            _coins[coin!["id"]!.GetValue<string>()] = coin.AsObject();
        }
        _server.Map("/api/v3/klines", Klines);
        _server.Map("/api/v3/coins/markets", Markets);
    }

    public Task DisposeAsync() => _server.DisposeAsync();

    private async Task<bool> FaultedAsync(string key, HttpContext context)
    {
        var n = _requests.AddOrUpdate(key, 1, (_, c) => c + 1);
        foreach (var (name, value) in context.Request.Headers)
        {
            _lastHeaders[name] = value.ToString();
        }
        return _faults.TryGetValue(key, out var fault) && await fault(n, context);
    }

    private async Task Klines(HttpContext context)
    {
        var q = context.Request.Query;
        var pair = q["symbol"].ToString();
        if (await FaultedAsync(pair, context))
        {
            return;
        }
        if (!_bars.TryGetValue(pair, out var bars))
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
            return;
        }
        Assert.Equal("5m", q["interval"].ToString());
        var start = long.Parse(q["startTime"].ToString(), CultureInfo.InvariantCulture);
        var end = long.Parse(q["endTime"].ToString(), CultureInfo.InvariantCulture);
        var limit = Math.Min(1000, int.Parse(q["limit"].ToString(), CultureInfo.InvariantCulture));
        var page = bars.Where(b => b.OpenTime >= start && b.OpenTime <= end).Take(limit).Select(b => b.Json);
        context.Response.ContentType = "application/json;charset=UTF-8";
        await context.Response.WriteAsync("[" + string.Join(',', page) + "]");
    }

    private async Task Markets(HttpContext context)
    {
        if (await FaultedAsync("markets", context))
        {
            return;
        }
        var q = context.Request.Query;
        Assert.Equal("usd", q["vs_currency"].ToString());
        var ids = q["ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(ids.Length <= int.Parse(q["per_page"].ToString(), CultureInfo.InvariantCulture), "more ids than per_page: CoinGecko would drop some");
        var answer = new JsonArray();
        foreach (var id in ids)
        {
            if (_coins.TryGetValue(id, out var coin))
            {
                answer.Add(coin.DeepClone());
            }
            else if (InventUnknownCoins)
            {
                answer.Add(new JsonObject { ["id"] = id, ["symbol"] = id, ["name"] = id, ["current_price"] = 1.5, ["market_cap"] = 1e8, ["total_volume"] = 1e6, ["market_cap_rank"] = 100 });
            }
        }
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(answer.ToJsonString());
    }
}

/// <summary>The recorded-format price series and their reference indicator values.</summary>
public static class PriceFixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, PriceApiServer.Folder, name);

    /// <summary>Each bar's fields as JSON text, exactly as the API sends them.</summary>
    public static List<string[]> RawBars(string pair)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path($"{pair}.klines.json")));
        return document.RootElement.EnumerateArray().Select(bar => bar.EnumerateArray().Select(v => v.GetRawText()).ToArray()).ToList();
    }

    public static byte[] KlinesBody(string pair) => File.ReadAllBytes(Path($"{pair}.klines.json"));

    public static JsonElement Expected(string pair) => JsonDocument.Parse(File.ReadAllBytes(Path($"{pair}.expected.json"))).RootElement;

    public static double?[] Series(JsonElement expected, string name) =>
        expected.GetProperty(name).EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray();

    /// <summary>Close instant of bar <paramref name="index"/> (open time + 5 minutes), as the prices table keys it.</summary>
    public static DateTimeOffset BarTs(int index) => new DateTimeOffset(2024, 3, 5, 0, 5, 0, TimeSpan.Zero) + (TimeSpan.FromMinutes(5) * index);


    /// <summary>
    /// Prices are compared to 1e-6 of the series' price level (BTC's EMA is ~60,000, SHIB's ~0.00003),
    /// unit-free values (RSI, %B, bandwidth) to 1e-6 absolute.
    /// </summary>
    public static void AssertMatches(double?[] expected, Func<int, double?> actual, double scale, string what)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            var a = actual(i);
            if (expected[i] is null)
            {
                Assert.True(a is null, $"{what}[{i}]: reference has no value yet, got {a}");
                continue;
            }
            Assert.True(a is not null, $"{what}[{i}]: reference {expected[i]}, got none");
            Assert.True(Math.Abs(a!.Value - expected[i]!.Value) <= 1e-6 * scale, $"{what}[{i}]: reference {expected[i]:R}, got {a:R}");
        }
    }
}
