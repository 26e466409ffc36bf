using CryptoFunctions.Core.Prices;
using CryptoFunctions.Core.Universe;
using CryptoFunctions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CryptoFunctions.Tests.Prices;

/// <summary>
/// Price collection end to end: CoinGecko- and Binance-format answers served on 127.0.0.1 (recorded-format
/// fixtures), prices stored in PostgreSQL. The test universe has BTC, ETH, SHIB, USDC and a new listing,
/// LUNC (delisted: unknown to both APIs) and USDT (no exchange pair).
/// </summary>
public sealed class PriceCollectorTests : IAsyncLifetime
{
    // Noon of the ninth fixture day, three seconds after the grid instant, as a timer would fire.
    private static readonly DateTimeOffset Now = new(2024, 3, 13, 12, 0, 3, TimeSpan.Zero);
    private static readonly DateTimeOffset GridNow = new(2024, 3, 13, 12, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _database = new();
    private readonly PriceApiServer _api = new();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await _api.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _database.DisposeAsync();
    }

    private ServiceProvider Services(Dictionary<string, string?>? settings = null, DateTimeOffset? now = null)
    {
        var all = new Dictionary<string, string?>(_api.Settings);
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }
        return _database.BuildServices(all, new ClockAt(now ?? Now));
    }

    [Fact]
    public async Task Cycle_stores_snapshots_and_closed_bars_and_a_rerun_changes_nothing()
    {
        await using var services = Services();
        var collector = services.GetRequiredService<PriceCollector>();

        var first = await collector.CollectAsync(CancellationToken.None);
        var second = await collector.CollectAsync(CancellationToken.None);

        Assert.Equal(GridNow, first.Ts);
        // BTC, ETH, SHIB, USDC, NEW and USDT are in the recorded markets answer; LUNC is not.
        Assert.Equal(6, first.SnapshotsReceived);
        Assert.Equal(6, first.SnapshotsStored);
        // A day of closed bars back from 12:00 (289 instants) for BTC and ETH; the other fixture series end earlier.
        Assert.Equal(2 * 289, first.BarsReceived);
        Assert.Equal(2 * 289, first.BarsStored);
        Assert.Empty(first.Failures);
        Assert.Equal(["LUNC", "LUNC"], first.UnknownSymbols.Select(u => u.Scope));
        Assert.Contains(first.UnknownSymbols, u => u.Message.Contains("terra-luna-delisted", StringComparison.Ordinal));
        Assert.Contains(first.UnknownSymbols, u => u.Message.Contains("LUNCUSDT is unknown", StringComparison.Ordinal));

        Assert.Equal(0, second.SnapshotsStored);
        Assert.Equal(0, second.BarsReceived);
        Assert.Equal(0, second.BarsStored);
        Assert.Equal(578L + 4, await _database.ScalarAsync<long>("select count(*) from prices"));
        Assert.Equal(68432.11, await _database.ScalarAsync<double>($"select snapshot_price from prices where symbol = 'BTC' and ts = '{GridNow:O}'"));
        Assert.Equal(1, await _database.ScalarAsync<int>($"select market_cap_rank from prices where symbol = 'BTC' and ts = '{GridNow:O}'"));
        // The bar closing at 12:00 opened at 11:55: its close is the fixture's bar at that open time.
        var bar = PriceFixtures.RawBars("BTCUSDT").Single(b => b[0] == GridNow.AddMinutes(-5).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(double.Parse(bar[4].Trim('"'), System.Globalization.CultureInfo.InvariantCulture),
            await _database.ScalarAsync<double>($"select close from prices where symbol = 'BTC' and ts = '{GridNow:O}'"));
    }

    [Fact]
    public async Task Api_keys_are_sent_in_their_headers()
    {
        await using var services = Services(new()
        {
            ["Prices:MarketsApiKey"] = "CG-test-key",
            ["Prices:MarketsApiKeyHeader"] = "x-cg-pro-api-key",
            ["Prices:KlinesApiKey"] = "binance-test-key",
        });

        await services.GetRequiredService<PriceCollector>().CollectAsync(CancellationToken.None);

        Assert.Equal("CG-test-key", _api.LastHeader("x-cg-pro-api-key"));
        Assert.Equal("binance-test-key", _api.LastHeader("X-MBX-APIKEY"));
        Assert.Null(_api.LastHeader("x-cg-demo-api-key"));
    }

    [Fact]
    public async Task Bar_still_open_is_not_stored()
    {
        await using var services = Services(now: GridNow.AddMinutes(4));
        var report = await services.GetRequiredService<PriceCollector>().CollectAsync(CancellationToken.None);

        Assert.Equal(GridNow, report.Ts);
        Assert.Equal(0L, await _database.ScalarAsync<long>($"select count(*) from prices where ts > '{GridNow:O}'"));
    }

    [Fact]
    public async Task Server_error_on_one_pair_fails_that_symbol_alone()
    {
        _api.Fault("ETHUSDT", async (_, context) =>
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("internal error");
            return true;
        });
        await using var services = Services();

        var report = await services.GetRequiredService<PriceCollector>().CollectAsync(CancellationToken.None);

        var failure = Assert.Single(report.Failures);
        Assert.Equal("ETH", failure.Scope);
        Assert.Contains("HTTP 500", failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, _api.Requests("ETHUSDT"));
        Assert.Equal(289, report.BarsStored);
        Assert.Equal(0L, await _database.ScalarAsync<long>("select count(*) from prices where symbol = 'ETH' and close is not null"));
        Assert.Equal(1L, await _database.ScalarAsync<long>("select count(*) from prices where symbol = 'ETH' and snapshot_price is not null"));
    }

    [Fact]
    public async Task Rate_limit_with_Retry_After_is_waited_out()
    {
        _api.Fault("BTCUSDT", async (n, context) =>
        {
            if (n > 1)
            {
                return false;
            }
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "1";
            await context.Response.WriteAsync("{\"code\":-1003,\"msg\":\"Too many requests.\"}");
            return true;
        });
        await using var services = Services();
        var started = TimeProvider.System.GetTimestamp();

        var report = await services.GetRequiredService<PriceCollector>().CollectAsync(CancellationToken.None);

        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromSeconds(0.9), "Retry-After: 1 was not honoured");
        Assert.Empty(report.Failures);
        Assert.Equal(2 * 289, report.BarsStored);
    }

    [Fact]
    public async Task Ban_asking_to_wait_longer_than_allowed_fails_at_once_with_the_reason()
    {
        _api.Fault("BTCUSDT", async (_, context) =>
        {
            context.Response.StatusCode = 418;
            context.Response.Headers.RetryAfter = "120";
            await context.Response.WriteAsync("{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until 1709985723000.\"}");
            return true;
        });
        await using var services = Services();
        var started = TimeProvider.System.GetTimestamp();

        var report = await services.GetRequiredService<PriceCollector>().CollectAsync(CancellationToken.None);

        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10));
        var failure = Assert.Single(report.Failures);
        Assert.Equal("BTC", failure.Scope);
        Assert.Contains("HTTP 418", failure.Message, StringComparison.Ordinal);
        Assert.Contains("asked to wait 120 s", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, _api.Requests("BTCUSDT"));
        Assert.Equal(289, report.BarsStored);
    }

    [Fact]
    public async Task Unreachable_klines_host_is_given_up_on_for_the_run()
    {
        await using var services = Services(new() { ["Prices:KlinesBaseUrl"] = "http://127.0.0.1:1/" });
        var started = TimeProvider.System.GetTimestamp();

        var report = await services.GetRequiredService<PriceCollector>().CollectAsync(CancellationToken.None);

        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10));
        var failure = Assert.Single(report.Failures);
        Assert.Equal("klines", failure.Scope);
        Assert.Contains("no answer from 127.0.0.1", failure.Message, StringComparison.Ordinal);
        Assert.Equal(6, report.SnapshotsStored);
    }

    [Fact]
    public async Task Malformed_answers_are_clear_errors_and_the_rest_is_stored()
    {
        _api.Fault("markets", async (_, context) =>
        {
            await context.Response.WriteAsync("[{\"id\":\"bitcoin\",\"current_price\":68432.11,");
            return true;
        });
        _api.Fault("ETHUSDT", async (_, context) =>
        {
            await context.Response.WriteAsync("[[1709985300000,\"3901.1\",\"3905.0\"");
            return true;
        });
        await using var services = Services();

        var report = await services.GetRequiredService<PriceCollector>().CollectAsync(CancellationToken.None);

        Assert.Equal(2, report.Failures.Count);
        Assert.StartsWith("markets page 1 of 1: the answer is not a JSON array of coins", report.Failures.Single(f => f.Scope.StartsWith("markets", StringComparison.Ordinal)).Message, StringComparison.Ordinal);
        Assert.Contains("klines ETHUSDT: ", report.Failures.Single(f => f.Scope == "ETH").Message, StringComparison.Ordinal);
        Assert.Equal(0, report.SnapshotsStored);
        Assert.Equal(289, report.BarsStored);
    }

    [Fact]
    public async Task History_pages_through_klines_and_a_second_run_adds_nothing()
    {
        await using var services = Services(new() { ["Prices:KlinesPageSize"] = "1000" }, now: new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero));
        var collector = services.GetRequiredService<PriceCollector>();
        var universe = services.GetRequiredService<CoinUniverse>();
        var from = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2024, 3, 31, 0, 0, 0, TimeSpan.Zero);

        var first = await collector.CollectHistoryAsync(universe.Coins, from, to, progress: null, CancellationToken.None);
        var second = await collector.CollectHistoryAsync(universe.Coins, from, to, progress: null, CancellationToken.None);

        Assert.Equal(2600 + 2600 + 1200 + 400 + 30, first.BarsStored);
        Assert.Equal(3, _api.Requests("BTCUSDT") / 2);
        Assert.Equal(["LUNC", "USDT"], first.UnknownSymbols.Select(u => u.Scope));
        Assert.Equal(first.BarsReceived, second.BarsReceived);
        Assert.Equal(0, second.BarsStored);
        Assert.Equal(6830L, await _database.ScalarAsync<long>("select count(*) from prices"));
    }

    [Fact]
    public async Task A_universe_of_520_coins_is_fetched_in_pages_of_250()
    {
        _api.InventUnknownCoins = true;
        var coins = Enumerable.Range(0, 520).Select(i => $"{{\"symbol\": \"C{i}\", \"name\": \"Coin {i}\", \"coingeckoId\": \"coin-{i}\", \"pair\": null}}");
        var file = Path.Combine(Path.GetTempPath(), $"universe-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, $"{{\"coins\": [{string.Join(",", coins)}]}}");
        try
        {
            await using var services = Services(new() { ["Universe:File"] = file });
            var report = await services.GetRequiredService<PriceCollector>().CollectAsync(CancellationToken.None);

            Assert.Equal(3, _api.Requests("markets"));
            Assert.Equal(520, report.SnapshotsStored);
            Assert.Empty(report.Failures);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Gaps_in_the_grid_are_listed_with_their_size()
    {
        await using var services = Services();
        await services.GetRequiredService<PriceCollector>().CollectAsync(CancellationToken.None);
        await using (var connection = new Npgsql.NpgsqlConnection(_database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var delete = new Npgsql.NpgsqlCommand(
                $"delete from prices where symbol = 'ETH' and ts between '{GridNow.AddHours(-2):O}' and '{GridNow.AddHours(-2).AddMinutes(10):O}'", connection);
            Assert.Equal(3, await delete.ExecuteNonQueryAsync());
        }

        var gaps = await services.GetRequiredService<PriceRepository>().GetGapsAsync(GridNow.AddDays(-1), Now.AddMinutes(30), CancellationToken.None);

        var eth = gaps.Single(g => g.Symbol == "ETH" && g.FirstAfter is not null);
        Assert.Equal(GridNow.AddHours(-2).AddMinutes(-5), eth.LastBefore);
        Assert.Equal(GridNow.AddHours(-2).AddMinutes(15), eth.FirstAfter);
        Assert.Equal(3, eth.Missing);
        // Half an hour later nothing newer has arrived: every symbol is 5 instants behind (12:05 … 12:25).
        Assert.All(gaps.Where(g => g.FirstAfter is null), g => Assert.Equal(5, g.Missing));
        Assert.Equal(6, gaps.Count(g => g.FirstAfter is null));
    }

    [Fact]
    public void Klines_parser_rejects_bars_off_the_grid_and_non_positive_prices()
    {
        var offGrid = "[[1709985301000,\"1\",\"1\",\"1\",\"1\",\"1\",1709985599999,\"1\",1,\"0\",\"0\",\"0\"]]"u8.ToArray();
        var negative = "[[1709985300000,\"1\",\"1\",\"-1\",\"1\",\"1\",1709985599999,\"1\",1,\"0\",\"0\",\"0\"]]"u8.ToArray();
        var notArray = "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}"u8.ToArray();

        Assert.Contains("not on the 5-minute grid", Assert.Throws<PriceApiException>(() => KlinesClient.Parse(offGrid, "X", "klines X")).Message, StringComparison.Ordinal);
        Assert.Contains("not positive", Assert.Throws<PriceApiException>(() => KlinesClient.Parse(negative, "X", "klines X")).Message, StringComparison.Ordinal);
        Assert.Contains("expected an array of bars", Assert.Throws<PriceApiException>(() => KlinesClient.Parse(notArray, "X", "klines X")).Message, StringComparison.Ordinal);
        Assert.Equal(2600, KlinesClient.Parse(PriceFixtures.KlinesBody("BTCUSDT"), "BTC", "klines BTCUSDT").Count);
    }
}
