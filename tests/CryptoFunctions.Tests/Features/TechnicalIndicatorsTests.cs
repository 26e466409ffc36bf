using CryptoFunctions.Core.Features;
using CryptoFunctions.Core.Prices;
using CryptoFunctions.Tests.Infrastructure;
using Xunit;

namespace CryptoFunctions.Tests.Features;

/// <summary>
/// The indicators against the npm package technicalindicators 3.1.0 (scripts/indicator-reference.mjs) on the
/// five fixture series: large and tiny prices, a mostly flat stablecoin, and a 30-bar listing that never warms
/// MACD's signal. Warm-up edges included: where the package has no value yet, neither may we.
/// </summary>
public sealed class TechnicalIndicatorsTests
{
    public static TheoryData<string> Pairs => new() { "BTCUSDT", "ETHUSDT", "SHIBUSDT", "USDCUSDT", "NEWUSDT" };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Indicators_equal_the_npm_reference(string pair)
    {
        var expected = PriceFixtures.Expected(pair);
        var closes = KlinesClient.Parse(PriceFixtures.KlinesBody(pair), pair, pair).Select(b => b.Close).ToArray();
        Assert.Equal(PriceFixtures.Series(expected, "closes").Select(c => c!.Value), closes);
        var level = closes.Average();

        var (macd, signal, histogram) = TechnicalIndicators.Macd(closes, 12, 26, 9);
        var (percentB, bandwidth) = TechnicalIndicators.Bollinger(closes, 20, 2);
        var rsi = TechnicalIndicators.Rsi(closes, 14);
        PriceFixtures.AssertMatches(PriceFixtures.Series(expected, "sma20"), Value(TechnicalIndicators.Sma(closes, 20)), level, $"{pair} sma20");
        PriceFixtures.AssertMatches(PriceFixtures.Series(expected, "ema12"), Value(TechnicalIndicators.Ema(closes, 12)), level, $"{pair} ema12");
        PriceFixtures.AssertMatches(PriceFixtures.Series(expected, "ema26"), Value(TechnicalIndicators.Ema(closes, 26)), level, $"{pair} ema26");
        PriceFixtures.AssertMatches(PriceFixtures.Series(expected, "macd"), Value(macd), level, $"{pair} macd");
        PriceFixtures.AssertMatches(PriceFixtures.Series(expected, "macdSignal"), Value(signal), level, $"{pair} macdSignal");
        PriceFixtures.AssertMatches(PriceFixtures.Series(expected, "macdHistogram"), Value(histogram), level, $"{pair} macdHistogram");
        PriceFixtures.AssertMatches(PriceFixtures.Series(expected, "rsi14"), Value(rsi), 1, $"{pair} rsi14");
        PriceFixtures.AssertMatches(PriceFixtures.Series(expected, "bbPercentB"), Value(percentB), 1, $"{pair} bbPercentB");
        PriceFixtures.AssertMatches(PriceFixtures.Series(expected, "bbBandwidth"), Value(bandwidth), 1, $"{pair} bbBandwidth");

        // The package's own RSI is ours rounded to two decimals.
        var rounded = PriceFixtures.Series(expected, "rsi14Rounded");
        for (var i = 0; i < rounded.Length; i++)
        {
            if (rounded[i] is { } r)
            {
                Assert.True(Math.Abs(rsi[i] - r) <= 0.005 + 1e-9, $"{pair} rsi14[{i}] {rsi[i]} does not round to {r}");
            }
        }
    }

    [Fact]
    public void A_listing_too_short_for_the_signal_line_has_none()
    {
        var expected = PriceFixtures.Expected("NEWUSDT");
        Assert.All(PriceFixtures.Series(expected, "macdSignal"), v => Assert.Null(v));
        Assert.Equal(5, PriceFixtures.Series(expected, "macd").Count(v => v is not null));
        Assert.Equal(16, PriceFixtures.Series(expected, "rsi14").Count(v => v is not null));
    }

    [Fact]
    public void Flat_windows_have_no_percent_b_and_a_lossless_window_has_rsi_100()
    {
        var expected = PriceFixtures.Expected("USDCUSDT");
        Assert.Contains(PriceFixtures.Series(expected, "bbPercentB"), v => v is null);
        Assert.Contains(PriceFixtures.Series(expected, "rsi14"), v => v == 100);
        Assert.All(TechnicalIndicators.Rsi([1, 1, 1, 1, 1], 3).Skip(3), v => Assert.Equal(100, v));
        Assert.All(TechnicalIndicators.Rsi([5, 4, 3, 2, 1], 3).Skip(3), v => Assert.Equal(0, v));
    }

    private static Func<int, double?> Value(double[] values) => i => double.IsNaN(values[i]) ? null : values[i];
}
