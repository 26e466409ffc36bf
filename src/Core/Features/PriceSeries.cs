using CryptoFunctions.Core.Prices;

namespace CryptoFunctions.Core.Features;

/// <summary>One symbol's prices laid on the 5-minute grid from <see cref="Start"/>; NaN marks a missing instant.</summary>
public sealed class PriceSeries
{
    public PriceSeries(string symbol, DateTimeOffset start, int length, DateTimeOffset? indicatorsFrom = null)
    {
        Symbol = symbol;
        Start = start;
        IndicatorsFrom = indicatorsFrom is { } from ? Math.Max(0, IndexOf(from)) : 0;
        Price = Filled(length);
        Volume = Filled(length);
        MarketCap = Filled(length);
        Volume24h = Filled(length);
        Rank = new int?[length];
    }

    public string Symbol { get; }

    public DateTimeOffset Start { get; }

    /// <summary>
    /// Where the contiguous prices begin that the indicators run over; before it only the instants a week before
    /// the computed rows are loaded (for their 7-day returns), and skipping the days between would distort the indicators.
    /// </summary>
    public int IndicatorsFrom { get; }

    public int Length => Price.Length;

    /// <summary>The bar's close where a bar exists, else the markets snapshot's price.</summary>
    public double[] Price { get; }

    /// <summary>Quote-currency volume traded in the 5 minutes ending at the instant (bars only).</summary>
    public double[] Volume { get; }

    public double[] MarketCap { get; }

    public double[] Volume24h { get; }

    public int?[] Rank { get; }

    public DateTimeOffset TimeAt(int index) => Start + (PriceGrid.Step * index);

    /// <summary>Index of <paramref name="ts"/> on this grid; may fall outside [0, Length).</summary>
    public int IndexOf(DateTimeOffset ts) => (int)((ts - Start).Ticks / PriceGrid.Step.Ticks);

    private static double[] Filled(int length)
    {
        var values = new double[length];
        Array.Fill(values, double.NaN);
        return values;
    }
}
