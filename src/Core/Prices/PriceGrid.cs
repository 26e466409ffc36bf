namespace CryptoFunctions.Core.Prices;

/// <summary>The 5-minute grid every price and feature is keyed on.</summary>
public static class PriceGrid
{
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    public static DateTimeOffset Floor(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % Step.Ticks), TimeSpan.Zero);
    }

    /// <summary>The first grid instant at or after <paramref name="instant"/>.</summary>
    public static DateTimeOffset Ceiling(DateTimeOffset instant)
    {
        var floor = Floor(instant);
        return floor == instant ? floor : floor + Step;
    }
}
