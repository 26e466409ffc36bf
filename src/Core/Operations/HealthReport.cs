using CryptoFunctions.Core.News;

namespace CryptoFunctions.Core.Operations;

public sealed record ComponentHealth(bool Healthy, string? Error);

/// <summary><paramref name="PoisonMessages"/>: sentiment requests that failed every attempt; null when the queue is unreachable.</summary>
public sealed record HealthReport(
    ComponentHealth Database,
    ComponentHealth Queue,
    int? PoisonMessages,
    IReadOnlyList<SourceHealth> Sources,
    DateTimeOffset CheckedAt)
{
    public bool Healthy => Database.Healthy && Queue.Healthy;
}
