namespace CryptoFunctions.Core.News;

/// <summary>A normalised article, ready to be stored.</summary>
public sealed record Article(
    string CanonicalUrl,
    string Url,
    string SourceId,
    string? Guid,
    string Title,
    string? TitleKey,
    string? Summary,
    string? Author,
    string? ImageUrl,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Symbols,
    DateTimeOffset PublishedAt,
    bool PublishedAtInferred,
    DateTimeOffset CollectedAt);
