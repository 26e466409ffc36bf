using CryptoFunctions.Core.Features;
using Xunit;

namespace CryptoFunctions.Tests.Features;

/// <summary>Returns, volatility, z-score and news windows on small series whose answers were worked out by hand.</summary>
public sealed class FeatureCalculatorTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly NewsIndex NoNews = new([]);

    [Fact]
    public void Returns_over_each_horizon_and_their_logs()
    {
        // 100 at the start, 110 an hour later (12 steps), 121 two hours in.
        var series = Series(25, i => i switch { 0 => 100, 12 => 110, 24 => 121, _ => 105 });

        var rows = Compute(series);

        var hour = rows[12];
        Assert.Equal(0.1, hour.Get(Feature.Return1h)!.Value, 1e-15);
        Assert.Equal(0.0953101798043249, hour.Get(Feature.LogReturn1h)!.Value, 1e-15);
        Assert.Equal(110.0 / 105 - 1, hour.Get(Feature.Return5m)!.Value, 1e-15);
        Assert.Equal(0.1, rows[24].Get(Feature.Return1h)!.Value, 1e-15);
        Assert.Equal(0.1, rows[0].Get(Feature.ForwardReturn1h)!.Value, 1e-15);
        Assert.Null(rows[0].Get(Feature.Return5m));
        Assert.Null(rows[13].Get(Feature.ForwardReturn1h));
        Assert.Null(hour.Get(Feature.Return4h));
    }

    [Fact]
    public void Volatility_is_the_sample_deviation_of_five_minute_log_returns()
    {
        // Log returns alternate +0.01 and −0.01: twelve of them have mean 0 and sample deviation √(12 × 0.0001 / 11).
        var series = Series(13, i => 100 * Math.Exp(i % 2 == 0 ? 0 : 0.01));

        var row = Compute(series)[12];

        Assert.Equal(0.0104446593573419, row.Get(Feature.Volatility1h)!.Value, 1e-13);
        Assert.Null(row.Get(Feature.Volatility24h));
    }

    [Fact]
    public void Gaps_give_null_returns_and_thin_windows_give_no_volatility()
    {
        var series = Series(13, i => 100 + i);
        for (var i = 1; i <= 7; i++)
        {
            series.Price[i] = double.NaN;
        }

        var rows = Compute(series);

        // Instant 8 has no price 5 minutes before it; only 4 of the hour's 12 returns exist at instant 12.
        var row8 = rows.Single(r => r.Ts == Start.AddMinutes(40));
        Assert.Null(row8.Get(Feature.Return5m));
        Assert.Null(rows.Single(r => r.Ts == Start.AddHours(1)).Get(Feature.Volatility1h));
        Assert.Equal(6, rows.Count);
    }

    [Fact]
    public void Volume_z_score_compares_the_bar_with_its_day()
    {
        // 287 bars of 10 and one of 20: mean 10 + 10/288, population deviation 10·√287 / 288, so z = √287.
        var series = Series(288, _ => 100);
        for (var i = 0; i < 288; i++)
        {
            series.Volume[i] = i == 287 ? 20 : 10;
        }

        var row = Compute(series)[287];

        Assert.Equal(Math.Sqrt(287), row.Get(Feature.VolumeZscore24h)!.Value, 1e-9);
    }

    [Fact]
    public void News_windows_include_their_end_and_exclude_their_start()
    {
        var at = Start.AddHours(2);
        var news = new NewsIndex(
        [
            Signal(at, 0.5, true, "BTC"),
            Signal(at.AddHours(-1), -0.3, false, "BTC"),
            Signal(at.AddMinutes(-30), double.NaN, null, "ETH"),
            Signal(at.AddMinutes(-20), 0.1, false, "BTC", "ETH"),
        ]);
        var series = Series(25, _ => 100);

        var row = FeatureCalculator.Compute(series, news, ts => ts == at, at).Single();

        Assert.Equal(2, row.NewsCount1h);
        Assert.Equal(3, row.NewsCount24h);
        Assert.Equal(3, row.MarketNewsCount1h);
        Assert.Equal(0.3, row.Get(Feature.SentimentMean1h)!.Value, 1e-15);
        Assert.Equal(Math.Sqrt(0.08), row.Get(Feature.SentimentStd1h)!.Value, 1e-15);
        Assert.Equal(0.5, row.Get(Feature.BullishShare1h));
        Assert.Equal(0.1, row.Get(Feature.SentimentMean24h)!.Value, 1e-15);
        Assert.Equal(1.0 / 3, row.Get(Feature.BullishShare24h)!.Value, 1e-15);
        Assert.Null(row.Get(Feature.FinbertMean1h));
        Assert.Equal(0.3, row.Get(Feature.VaderMean1h)!.Value, 1e-15);
    }

    private static ArticleSignal Signal(DateTimeOffset published, double score, bool? bullish, params string[] symbols) =>
        new(published, symbols, score, bullish, double.NaN, double.NaN, score);

    private static PriceSeries Series(int length, Func<int, double> price)
    {
        var series = new PriceSeries("BTC", Start, length);
        for (var i = 0; i < length; i++)
        {
            series.Price[i] = price(i);
        }
        return series;
    }

    private static List<FeatureRow> Compute(PriceSeries series) => FeatureCalculator.Compute(series, NoNews, _ => true, Start);
}
