namespace CryptoFunctions.Core.Backfill;

/// <summary>
/// One unit of backfill work, small enough to retry whole and idempotent: prices of one symbol over some days,
/// one WordPress source's posts of one day, a batch of articles to score, features of some symbols.
/// <see cref="Key"/> names it uniquely within its request (checkpoints and failure reports use it).
/// </summary>
public sealed record BackfillChunk(
    BackfillKind Kind,
    string Key,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<string>? Symbols = null,
    string? SourceId = null,
    IReadOnlyList<long>? ArticleIds = null);

/// <summary>One page of a kind's plan; <see cref="Next"/> is the cursor of the page after it, null after the last.</summary>
public sealed record BackfillPage(IReadOnlyList<BackfillChunk> Chunks, long Total, string? Next);

/// <summary>What a chunk did: rows stored or changed, and a note (a symbol unknown to the API) that is not a failure.</summary>
public sealed record ChunkResult(string Key, long Rows, string? Note = null);
