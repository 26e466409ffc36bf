using System.Globalization;
using CryptoFunctions.Core.Features;
using CryptoFunctions.Core.News;
using CryptoFunctions.Core.Prices;
using CryptoFunctions.Core.Sentiment;
using CryptoFunctions.Core.Universe;
using CryptoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace CryptoFunctions.Tests.Features;

/// <summary>
/// Materialisation against real PostgreSQL: the fixture series collected through the klines API (local server),
/// news stored and scored by the real repository and scorer, features read back from ml_features_materialized.
/// </summary>
public sealed class FeatureMaterializerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2024, 4, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _database = new();
    private readonly PriceApiServer _api = new();
    private ServiceProvider _services = null!;

    private FeatureMaterializer Materializer => _services.GetRequiredService<FeatureMaterializer>();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await _api.InitializeAsync();
        // No safety margin: the history stored a moment before would otherwise count as changed again on
        // the second run, hiding which rows a single change really dirties.
        _services = _database.BuildServices(
            new Dictionary<string, string?>(_api.Settings) { ["Features:ChangeSafetyMargin"] = "00:00:00" }, new ClockAt(Now));
        var coins = _services.GetRequiredService<CoinUniverse>().Coins;
        var history = await _services.GetRequiredService<PriceCollector>().CollectHistoryAsync(
            coins, PriceFixtures.BarTs(0), PriceFixtures.BarTs(2599), progress: null, CancellationToken.None);
        Assert.Equal(6830, history.BarsStored);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _api.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Table_columns_are_the_documented_features()
    {
        var columns = await Query("select column_name from information_schema.columns where table_name = 'ml_features_materialized'", r => r.GetString(0));
        var written = new[] { "symbol", "ts", "price", "market_cap_rank", "news_count_1h", "news_count_24h", "market_news_count_1h", "market_news_count_24h", "computed_at" }
            .Concat(FeatureRow.FeatureColumns);
        Assert.Equal(written.Order(), columns.Order());
        var documented = await File.ReadAllTextAsync(Path.Combine(TestEnvironment.RepositoryRoot, "docs", "features.md"));
        Assert.All(columns, c => Assert.Contains($"`{c}`", documented, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("BTC", "BTCUSDT")]
    [InlineData("SHIB", "SHIBUSDT")]
    [InlineData("USDC", "USDCUSDT")]
    [InlineData("NEW", "NEWUSDT")]
    public async Task Materialized_indicators_equal_the_npm_reference(string symbol, string pair)
    {
        var report = await Materializer.UpdateAsync(progress: null, CancellationToken.None);
        Assert.Equal(6830, report.RowsWritten);

        var expected = PriceFixtures.Expected(pair);
        var level = PriceFixtures.Series(expected, "closes").Average(c => c!.Value);
        (string Column, string Reference, double Scale)[] checks =
        [
            ("rsi_14", "rsi14", 1), ("macd", "macd", level), ("macd_signal", "macdSignal", level), ("macd_histogram", "macdHistogram", level),
            ("ema_12", "ema12", level), ("ema_26", "ema26", level), ("sma_20", "sma20", level),
            ("bb_percent_b", "bbPercentB", 1), ("bb_bandwidth", "bbBandwidth", 1),
        ];
        foreach (var (column, reference, scale) in checks)
        {
            var stored = await Column(symbol, column);
            var series = PriceFixtures.Series(expected, reference);
            Assert.Equal(series.Length, stored.Count);
            PriceFixtures.AssertMatches(series, i => stored[PriceFixtures.BarTs(i)], scale, $"{symbol} {column}");
        }
    }

    [Fact]
    public async Task Returns_volatility_and_forward_returns_follow_the_closes()
    {
        await Materializer.UpdateAsync(progress: null, CancellationToken.None);
        var closes = PriceFixtures.Series(PriceFixtures.Expected("BTCUSDT"), "closes").Select(c => c!.Value).ToArray();
        const int i = 2100;

        var row = await Row("BTC", PriceFixtures.BarTs(i), "return_5m", "return_1h", "return_4h", "return_24h", "return_7d",
            "log_return_1h", "log_return_7d", "volatility_1h", "volatility_24h", "forward_return_1h", "forward_return_24h", "price");

        Assert.Equal(closes[i], row["price"]);
        Assert.Equal(closes[i] / closes[i - 1] - 1, row["return_5m"]!.Value, 1e-12);
        Assert.Equal(closes[i] / closes[i - 12] - 1, row["return_1h"]!.Value, 1e-12);
        Assert.Equal(closes[i] / closes[i - 48] - 1, row["return_4h"]!.Value, 1e-12);
        Assert.Equal(closes[i] / closes[i - 288] - 1, row["return_24h"]!.Value, 1e-12);
        Assert.Equal(closes[i] / closes[i - 2016] - 1, row["return_7d"]!.Value, 1e-12);
        Assert.Equal(Math.Log(closes[i] / closes[i - 12]), row["log_return_1h"]!.Value, 1e-12);
        Assert.Equal(Math.Log(closes[i] / closes[i - 2016]), row["log_return_7d"]!.Value, 1e-12);
        Assert.Equal(SampleStd(closes, i, 12), row["volatility_1h"]!.Value, 1e-12);
        Assert.Equal(SampleStd(closes, i, 288), row["volatility_24h"]!.Value, 1e-12);
        Assert.Equal(closes[i + 12] / closes[i] - 1, row["forward_return_1h"]!.Value, 1e-12);
        Assert.Equal(closes[i + 288] / closes[i] - 1, row["forward_return_24h"]!.Value, 1e-12);

        // Too early for a 7-day return, too late for a forward one: NULL, not zero.
        var early = await Row("BTC", PriceFixtures.BarTs(2015), "return_7d", "return_24h");
        Assert.Null(early["return_7d"]);
        Assert.NotNull(early["return_24h"]);
        var late = await Row("BTC", PriceFixtures.BarTs(2599), "forward_return_1h", "return_7d");
        Assert.Null(late["forward_return_1h"]);
        Assert.NotNull(late["return_7d"]);
    }

    [Fact]
    public async Task Rerun_changes_nothing()
    {
        await Materializer.UpdateAsync(progress: null, CancellationToken.None);
        var before = await _database.ScalarAsync<string>("select md5(string_agg(symbol || ts || xmin, ',' order by symbol, ts)) from ml_features_materialized");

        var again = await Materializer.UpdateAsync(progress: null, CancellationToken.None);

        Assert.Equal(0, again.RowsWritten);
        Assert.Equal(before, await _database.ScalarAsync<string>("select md5(string_agg(symbol || ts || xmin, ',' order by symbol, ts)) from ml_features_materialized"));
    }

    /// <summary>
    /// At bar 2590 the rows to recompute start over 2,016 + 600 bars after the first price, so only the warm-up
    /// and the week-old instants are loaded, not the days between: the rebuild comparison covers that path.
    /// </summary>
    [Theory]
    [InlineData(1500)]
    [InlineData(2590)]
    public async Task Late_price_recomputes_the_rows_it_affects_and_leaves_the_rest(int k)
    {
        await Materializer.UpdateAsync(progress: null, CancellationToken.None);
        var closes = PriceFixtures.Series(PriceFixtures.Expected("BTCUSDT"), "closes").Select(c => c!.Value).ToArray();
        var untouchedBefore = await Versions("BTC", PriceFixtures.BarTs(0), PriceFixtures.BarTs(k - 289));
        var otherSymbol = await Versions("ETH", PriceFixtures.BarTs(0), PriceFixtures.BarTs(2599));
        var corrected = closes[k] * 1.01;
        await _services.GetRequiredService<PriceRepository>().UpsertKlinesAsync(
            [new Kline("BTC", PriceFixtures.BarTs(k), closes[k - 1], corrected, closes[k - 1], corrected, 10, 10 * corrected, 100)], CancellationToken.None);

        var report = await Materializer.UpdateAsync(progress: null, CancellationToken.None);

        // Its own row, the day of windows after it, the indicators until the change decays below a double's
        // precision, the 7-day return a week on, and the two forward returns that reach it; nothing else.
        Assert.InRange(report.RowsWritten, Math.Min(289, 2600 - k) + 2, 2600 - k + 2);
        Assert.Equal(untouchedBefore, await Versions("BTC", PriceFixtures.BarTs(0), PriceFixtures.BarTs(k - 289)));
        Assert.Equal(otherSymbol, await Versions("ETH", PriceFixtures.BarTs(0), PriceFixtures.BarTs(2599)));
        Assert.Equal(corrected, (await Row("BTC", PriceFixtures.BarTs(k), "price"))["price"]);
        Assert.Equal(corrected / closes[k - 12] - 1, (await Row("BTC", PriceFixtures.BarTs(k), "return_1h"))["return_1h"]!.Value, 1e-12);
        Assert.Equal(corrected / closes[k - 12] - 1, (await Row("BTC", PriceFixtures.BarTs(k - 12), "forward_return_1h"))["forward_return_1h"]!.Value, 1e-12);
        Assert.Equal(corrected / closes[k - 288] - 1, (await Row("BTC", PriceFixtures.BarTs(k - 288), "forward_return_24h"))["forward_return_24h"]!.Value, 1e-12);

        // The incremental result is the one a full rebuild gives.
        var incremental = await Snapshot();
        await Materializer.MaterializeRangeAsync(null, null, null, replace: true, progress: null, CancellationToken.None);
        var rebuilt = await Snapshot();
        Assert.Equal(rebuilt.Count, incremental.Count);
        foreach (var (key, values) in rebuilt)
        {
            var other = incremental[key];
            for (var c = 0; c < values.Length; c++)
            {
                Assert.True(values[c] is null == other[c] is null, $"{key} column {c}: rebuild {values[c]}, incremental {other[c]}");
                if (values[c] is { } v)
                {
                    Assert.True(Math.Abs(v - other[c]!.Value) <= 1e-12 * Math.Max(1, Math.Abs(v)), $"{key} column {c}: rebuild {v:R}, incremental {other[c]:R}");
                }
            }
        }
    }

    [Fact]
    public async Task News_and_its_scoring_reach_the_windows_they_fall_in()
    {
        await Materializer.UpdateAsync(progress: null, CancellationToken.None);
        var at = PriceFixtures.BarTs(2000);
        var stored = await _services.GetRequiredService<NewsRepository>().StoreAsync(
        [
            Article("https://example.com/a", "Bitcoin rallies as ETF inflows surge to a record", at.AddMinutes(-10), "BTC"),
            Article("https://example.com/b", "Bitcoin miners capitulate as hashprice collapses", at.AddMinutes(-50), "BTC"),
            Article("https://example.com/c", "Ethereum developers schedule the next upgrade", at.AddHours(-3), "ETH"),
            Article("https://example.com/d", "Regulators publish a consultation on stablecoins", at.AddHours(-30)),
        ], CancellationToken.None);
        Assert.Equal(4, stored.Count);

        var unscored = await Materializer.UpdateAsync(progress: null, CancellationToken.None);

        Assert.True(unscored.RowsWritten > 0);
        var row = await Row("BTC", at, "news_count_1h", "news_count_24h", "market_news_count_1h", "market_news_count_24h", "sentiment_mean_1h", "bullish_share_1h");
        Assert.Equal(2, row["news_count_1h"]);
        Assert.Equal(2, row["news_count_24h"]);
        Assert.Equal(2, row["market_news_count_1h"]);
        Assert.Equal(3, row["market_news_count_24h"]);
        Assert.Null(row["sentiment_mean_1h"]);
        Assert.Null(row["bullish_share_1h"]);

        await _services.GetRequiredService<SentimentScorer>().ScoreAsync(stored.Select(s => s.Id).ToList(), modelName: null, CancellationToken.None);
        var scored = await Materializer.UpdateAsync(progress: null, CancellationToken.None);

        Assert.True(scored.RowsWritten > 0);
        var scores = await Query("select sentiment_score, ml_market_type from news_articles where symbols @> '{BTC}' order by id", r => (Score: r.GetDouble(0), Type: r.GetString(1)));
        var mean = scores.Average(s => s.Score);
        var std = Math.Sqrt(scores.Sum(s => (s.Score - mean) * (s.Score - mean)) / (scores.Count - 1));
        row = await Row("BTC", at, "sentiment_mean_1h", "sentiment_std_1h", "vader_mean_1h", "finbert_mean_1h", "bullish_share_1h");
        Assert.Equal(mean, row["sentiment_mean_1h"]!.Value, 1e-12);
        Assert.Equal(std, row["sentiment_std_1h"]!.Value, 1e-12);
        Assert.Equal(mean, row["vader_mean_1h"]!.Value, 1e-12);
        Assert.Null(row["finbert_mean_1h"]);
        Assert.Equal(scores.Count(s => s.Type == "bullish") / 2.0, row["bullish_share_1h"]);
        // Ten minutes on, the article published 50 minutes before has left the hour.
        Assert.Equal(1, (await Row("BTC", at.AddMinutes(10), "news_count_1h"))["news_count_1h"]);
        // A day and a minute after, neither is in the day's window.
        Assert.Equal(0, (await Row("BTC", at.AddHours(24).AddMinutes(5), "news_count_24h"))["news_count_24h"]);
    }

    [Fact]
    public async Task A_run_while_another_holds_the_lock_skips_or_says_so()
    {
        await using (var held = await _services.GetRequiredService<FeatureRepository>().TryLockRunAsync(CancellationToken.None))
        {
            Assert.NotNull(held);
            var skipped = await Materializer.UpdateAsync(progress: null, CancellationToken.None);
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                Materializer.MaterializeRangeAsync(null, null, null, replace: true, progress: null, CancellationToken.None));

            Assert.True(skipped.Skipped);
            Assert.Contains("Another feature materialisation is running", refused.Message, StringComparison.Ordinal);
            Assert.Equal(0L, await _database.ScalarAsync<long>("select count(*) from ml_features_materialized"));
        }

        // Released on dispose, even though the pooled connection is not reset until its next use.
        Assert.Equal(6830, (await Materializer.UpdateAsync(progress: null, CancellationToken.None)).RowsWritten);
    }

    [Fact]
    public async Task Missing_inputs_are_null_not_zero()
    {
        // A snapshot-only coin: USDT has no pair, so no bars and no volume.
        await using (var live = _database.BuildServices(_api.Settings, new ClockAt(PriceFixtures.BarTs(2000).AddSeconds(3))))
        {
            await live.GetRequiredService<PriceCollector>().CollectAsync(CancellationToken.None);
        }
        await Materializer.UpdateAsync(progress: null, CancellationToken.None);

        var usdt = await Row("USDT", PriceFixtures.BarTs(2000), "price", "market_cap", "volume", "volume_zscore_24h", "return_5m", "rsi_14", "news_count_1h", "sentiment_mean_24h");
        Assert.Equal(1.001, usdt["price"]);
        Assert.Equal(103456789012, usdt["market_cap"]);
        Assert.Null(usdt["volume"]);
        Assert.Null(usdt["volume_zscore_24h"]);
        Assert.Null(usdt["return_5m"]);
        Assert.Null(usdt["rsi_14"]);
        Assert.Equal(0, usdt["news_count_1h"]);
        Assert.Null(usdt["sentiment_mean_24h"]);

        var btc = await Row("BTC", PriceFixtures.BarTs(10), "rsi_14", "volume", "market_cap", "volume_zscore_24h");
        Assert.Null(btc["rsi_14"]);
        Assert.NotNull(btc["volume"]);
        Assert.Null(btc["market_cap"]);
        Assert.Null(btc["volume_zscore_24h"]);
    }

    private static Article Article(string url, string title, DateTimeOffset published, params string[] symbols) =>
        new(url, url, "test", null, title, title.ToLowerInvariant(), null, null, null, [], symbols, published, false, Now);

    private static double SampleStd(double[] closes, int end, int count)
    {
        var returns = Enumerable.Range(end - count + 1, count).Select(j => Math.Log(closes[j] / closes[j - 1])).ToArray();
        var mean = returns.Average();
        return Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / (count - 1));
    }

    private async Task<Dictionary<DateTimeOffset, double?>> Column(string symbol, string column)
    {
        var rows = await Query($"select ts, {column} from ml_features_materialized where symbol = '{symbol}'",
            r => (Ts: new DateTimeOffset(r.GetFieldValue<DateTime>(0)), Value: r.IsDBNull(1) ? (double?)null : r.GetDouble(1)));
        return rows.ToDictionary(r => r.Ts, r => r.Value);
    }

    private async Task<Dictionary<string, double?>> Row(string symbol, DateTimeOffset ts, params string[] columns)
    {
        var rows = await Query(
            $"select {string.Join(", ", columns.Select(c => $"{c}::float8"))} from ml_features_materialized where symbol = '{symbol}' and ts = '{ts:O}'",
            r => columns.Select((c, i) => (c, r.IsDBNull(i) ? (double?)null : r.GetDouble(i))).ToDictionary(x => x.c, x => x.Item2));
        return Assert.Single(rows);
    }

    private Task<string> Versions(string symbol, DateTimeOffset from, DateTimeOffset to) =>
        _database.ScalarAsync<string>(
            $"select md5(string_agg(ts || ':' || xmin, ',' order by ts)) from ml_features_materialized where symbol = '{symbol}' and ts between '{from:O}' and '{to:O}'");

    private async Task<Dictionary<string, double?[]>> Snapshot()
    {
        var columns = FeatureRow.FeatureColumns.Prepend("price").ToList();
        var rows = await Query($"select symbol || ' ' || ts, {string.Join(", ", columns)} from ml_features_materialized",
            r => (Key: r.GetString(0), Values: Enumerable.Range(1, columns.Count).Select(i => r.IsDBNull(i) ? (double?)null : r.GetDouble(i)).ToArray()));
        return rows.ToDictionary(r => r.Key, r => r.Values);
    }

    private async Task<List<T>> Query<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var result = new List<T>();
        while (await reader.ReadAsync())
        {
            result.Add(read(reader));
        }
        return result;
    }
}
