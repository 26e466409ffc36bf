namespace CryptoFunctions.Core.Prices;

/// <summary>Grid instants missing for a symbol between two stored prices (or after its last one, when it is behind).</summary>
public sealed record PriceGap(string Symbol, DateTimeOffset LastBefore, DateTimeOffset? FirstAfter, long Missing);

/// <summary>What the prices table holds, and the holes in its grid over the gap window.</summary>
public sealed record PriceStatus(long Rows, int Symbols, DateTimeOffset? Newest, IReadOnlyList<PriceGap> Gaps);
