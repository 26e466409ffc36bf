namespace CryptoFunctions.Core.News;

/// <summary>What a source answered last time, sent back for a conditional GET.</summary>
public sealed record SourceState(string SourceId, string? ETag, string? LastModified);
