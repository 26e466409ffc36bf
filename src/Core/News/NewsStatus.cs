namespace CryptoFunctions.Core.News;

public sealed record NewsStatus(
    long Articles,
    long Unique,
    long Duplicates,
    long Last24Hours,
    long Last7Days,
    DateTimeOffset? Newest,
    IReadOnlyList<SourceStatus> Sources);

public sealed record SourceStatus(
    string Id,
    string Name,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? LastSuccessAt,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    long Articles,
    long Last24Hours,
    long Last7Days)
{
    /// <summary>True when the latest attempt failed.</summary>
    public bool Failing => IsFailing(LastSuccessAt, LastErrorAt);

    public static bool IsFailing(DateTimeOffset? lastSuccessAt, DateTimeOffset? lastErrorAt) =>
        lastErrorAt is not null && (lastSuccessAt is null || lastErrorAt > lastSuccessAt);
}

/// <summary>A source as the health check reports it: its last success, and its error while it is failing.</summary>
public sealed record SourceHealth(string Id, DateTimeOffset? LastSuccessAt, string? LastError, bool Failing);
