using CryptoFunctions.Functions;
using CryptoFunctions.Tests.Infrastructure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CryptoFunctions.Tests.Functions;

/// <summary>CollectPrices and UpdateFeatures invoked in-process through the Functions registration, against PostgreSQL and local price APIs.</summary>
public sealed class PriceFunctionsTests : IAsyncLifetime
{
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

    [Fact]
    public async Task Health_reports_how_current_prices_and_features_are()
    {
        var settings = _database.Settings(_api.Settings);
        await using (var host = FunctionsTestHost.Build(settings, new ClockAt(new DateTimeOffset(2024, 3, 13, 12, 0, 3, TimeSpan.Zero))))
        {
            await ActivatorUtilities.CreateInstance<PriceFunctions>(host).CollectPrices(new TimerInfo(), CancellationToken.None);
            await ActivatorUtilities.CreateInstance<FeatureFunctions>(host).UpdateFeatures(new TimerInfo(), CancellationToken.None);
            var fresh = await Data(host);
            Assert.Equal("2024-03-13T12:00:00+00:00", fresh.GetProperty("NewestPrice").GetString());
            Assert.Equal("2024-03-13T12:00:00+00:00", fresh.GetProperty("NewestFeatures").GetString());
            Assert.Equal(6, fresh.GetProperty("SymbolsWithPrices").GetInt32());
            Assert.Equal(0, fresh.GetProperty("SymbolsBehind").GetInt32());
        }
        // An hour without a price cycle: every symbol is behind, and the service is still healthy.
        await using var later = FunctionsTestHost.Build(settings, new ClockAt(new DateTimeOffset(2024, 3, 13, 13, 0, 3, TimeSpan.Zero)));
        Assert.Equal(6, (await Data(later)).GetProperty("SymbolsBehind").GetInt32());
    }

    private static async Task<System.Text.Json.JsonElement> Data(ServiceProvider host)
    {
        var result = Assert.IsType<Microsoft.AspNetCore.Mvc.ObjectResult>(
            await ActivatorUtilities.CreateInstance<HealthFunctions>(host).Health(new Microsoft.AspNetCore.Http.DefaultHttpContext().Request, CancellationToken.None));
        // The sentiment queue does not exist in this test's storage, so the report may be 503; the data part is what counts here.
        var report = System.Text.Json.JsonSerializer.SerializeToElement(result.Value);
        Assert.True(report.GetProperty("Database").GetProperty("Healthy").GetBoolean());
        return report.GetProperty("Data");
    }

    [Fact]
    public async Task Timers_store_prices_then_materialise_their_features_and_a_second_round_writes_nothing()
    {
        var settings = _database.Settings(_api.Settings);
        await using var host = FunctionsTestHost.Build(settings, new ClockAt(new DateTimeOffset(2024, 3, 13, 12, 0, 3, TimeSpan.Zero)));
        var prices = ActivatorUtilities.CreateInstance<PriceFunctions>(host);
        var features = ActivatorUtilities.CreateInstance<FeatureFunctions>(host);

        await prices.CollectPrices(new TimerInfo(), CancellationToken.None);
        await features.UpdateFeatures(new TimerInfo(), CancellationToken.None);
        var rows = await _database.ScalarAsync<long>("select count(*) from ml_features_materialized");
        var versions = await _database.ScalarAsync<string>("select md5(string_agg(symbol || ts || xmin, ',' order by symbol, ts)) from ml_features_materialized");
        await prices.CollectPrices(new TimerInfo(), CancellationToken.None);
        await features.UpdateFeatures(new TimerInfo(), CancellationToken.None);

        // A day of bars for BTC and ETH, plus the snapshot instant of SHIB, USDC, NEW and USDT.
        Assert.Equal(2 * 289 + 4, rows);
        Assert.Equal(rows, await _database.ScalarAsync<long>("select count(*) from prices"));
        Assert.Equal(versions, await _database.ScalarAsync<string>("select md5(string_agg(symbol || ts || xmin, ',' order by symbol, ts)) from ml_features_materialized"));
        // Where a bar and a snapshot share an instant, the price is the bar's close and the market cap the snapshot's.
        Assert.Equal(1345678901234d, await _database.ScalarAsync<double>("select market_cap from ml_features_materialized where symbol = 'BTC' and ts = '2024-03-13T12:00:00Z'"));
        Assert.True(await _database.ScalarAsync<bool>(
            "select f.price = p.close and p.close <> p.snapshot_price from ml_features_materialized f join prices p using (symbol, ts) where symbol = 'BTC' and ts = '2024-03-13T12:00:00Z'"));
    }
}
