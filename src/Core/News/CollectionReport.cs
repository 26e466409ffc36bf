namespace CryptoFunctions.Core.News;

/// <summary>What one source gave in one collection. <see cref="Error"/> is a one-line reason when it failed.</summary>
public sealed record SourceOutcome(
    string SourceId,
    string Name,
    int Fetched,
    int New,
    int Duplicate,
    int Rejected,
    bool NotModified,
    string? Error)
{
    public bool Failed => Error is not null;
}

/// <summary>The result of one collection: per-source outcomes and the ids of new, non-duplicate articles.</summary>
public sealed record CollectionReport(IReadOnlyList<SourceOutcome> Sources, IReadOnlyList<long> NewArticleIds)
{
    public int Fetched => Sources.Sum(s => s.Fetched);

    public int New => Sources.Sum(s => s.New);

    public int Duplicate => Sources.Sum(s => s.Duplicate);

    public int FailedSources => Sources.Count(s => s.Failed);
}
