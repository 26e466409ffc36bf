using CryptoFunctions.Core.Prices;

namespace CryptoFunctions.Core.Features;

/// <summary>
/// The prices one symbol's dirty rows need: every instant from <see cref="NearFrom"/> to <see cref="End"/>
/// (indicator warm-up and windows), and from <see cref="Start"/> only the instants a week before the dirty
/// rows (their 7-day returns), not the days in between.
/// </summary>
public sealed record SeriesRequest(string Symbol, DateTimeOffset Start, DateTimeOffset FarTo, DateTimeOffset NearFrom, DateTimeOffset End)
{
    // EMA26 keeps (25/27)^600 ≈ 1e-20 of its seed and Wilder's RSI (13/14)^600 ≈ 5e-20: far below a double's
    // precision, so a row warmed this long equals the row of a run from the first price. It also covers
    // the 288-instant windows.
    public const int IndicatorWarmup = 600;

    public static SeriesRequest For(string symbol, DateTimeOffset firstPrice, DateTimeOffset lastPrice, DirtyRanges dirty)
    {
        var nearFrom = Instants.Later(firstPrice, dirty.Earliest - (PriceGrid.Step * IndicatorWarmup));
        var week = PriceGrid.Step * FeatureCalculator.StepsPerWeek;
        var start = Instants.Later(firstPrice, dirty.Earliest - week);
        var farTo = dirty.Latest - week;
        // When the week-old instants reach the warm-up, one contiguous range is simpler and no larger.
        if (farTo >= nearFrom - PriceGrid.Step || start >= nearFrom)
        {
            var from = Instants.Earlier(start, nearFrom);
            return new SeriesRequest(symbol, from, from - PriceGrid.Step, from, lastPrice);
        }
        return new SeriesRequest(symbol, start, farTo, nearFrom, lastPrice);
    }

    /// <summary>Grid instants the series spans (its array length).</summary>
    public int Length => (int)((End - Start).Ticks / PriceGrid.Step.Ticks) + 1;

    /// <summary>Instants actually loaded.</summary>
    public long Loaded => ((End - NearFrom).Ticks / PriceGrid.Step.Ticks) + 1 + Math.Max(0, ((FarTo - Start).Ticks / PriceGrid.Step.Ticks) + 1);
}
