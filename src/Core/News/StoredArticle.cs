namespace CryptoFunctions.Core.News;

/// <summary>An article row this batch inserted; <see cref="DuplicateOf"/> is set for a syndicated copy.</summary>
public sealed record StoredArticle(long Id, string CanonicalUrl, string SourceId, long? DuplicateOf);
