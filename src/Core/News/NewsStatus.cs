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
    public bool Failing => LastErrorAt is not null && (LastSuccessAt is null || LastErrorAt > LastSuccessAt);
}
