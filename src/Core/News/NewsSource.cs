namespace CryptoFunctions.Core.News;

/// <summary>One entry of the news source catalog.</summary>
public sealed record NewsSource(string Id, string Name, Uri FeedUrl, string? Site = null, bool WordPress = false);
