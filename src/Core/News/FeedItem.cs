namespace CryptoFunctions.Core.News;

/// <summary>An item as a feed gives it: text may hold HTML, the date is unparsed, the link is absolute.</summary>
public sealed record FeedItem(
    string? Title,
    Uri? Link,
    string? Guid,
    string? Summary,
    string? Content,
    string? Author,
    string? Published,
    IReadOnlyList<string> Categories,
    Uri? ImageUrl);
