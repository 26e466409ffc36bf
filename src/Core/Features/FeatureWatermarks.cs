namespace CryptoFunctions.Core.Features;

/// <summary>Changes (by database time) up to these instants are already in the materialised features.</summary>
public sealed record FeatureWatermarks(DateTimeOffset PricesSeenUntil, DateTimeOffset ArticlesSeenUntil)
{
    public static readonly FeatureWatermarks Never = new(DateTimeOffset.MinValue, DateTimeOffset.MinValue);
}
