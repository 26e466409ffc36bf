namespace CryptoFunctions.Core.Prices;

/// <summary>One coin from a markets call, stored at the grid instant its collection time falls after.</summary>
public sealed record MarketSnapshot(
    string Symbol,
    DateTimeOffset Ts,
    double? Price,
    double? MarketCap,
    double? Volume24h,
    int? MarketCapRank,
    DateTimeOffset ObservedAt);
