using CryptoFunctions.Core.News;

namespace CryptoFunctions.Core.Operations;

public sealed record ComponentHealth(bool Healthy, string? Error);

/// <summary><paramref name="PoisonMessages"/>: sentiment requests that failed every attempt; null when the queue is unreachable.</summary>
public sealed record HealthReport(
    ComponentHealth Database,
    ComponentHealth Queue,
    int? PoisonMessages,
    IReadOnlyList<SourceHealth> Sources,
    DataFreshness? Data,
    DateTimeOffset CheckedAt)
{
    public bool Healthy => Database.Healthy && Queue.Healthy;
}

/// <summary>
/// How current the data is (reported, not part of <see cref="HealthReport.Healthy"/>: a stale exchange is not a
/// broken service). A symbol is behind when its newest price is more than three 5-minute cycles old.
/// </summary>
public sealed record DataFreshness(DateTimeOffset? NewestPrice, int SymbolsWithPrices, int SymbolsBehind, DateTimeOffset? NewestFeatures);
