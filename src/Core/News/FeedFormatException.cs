namespace CryptoFunctions.Core.News;

/// <summary>The body fetched for a source is not a feed this collector can read.</summary>
public sealed class FeedFormatException(string message, Exception? inner = null) : Exception(message, inner);
