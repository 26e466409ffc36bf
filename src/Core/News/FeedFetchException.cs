namespace CryptoFunctions.Core.News;

/// <summary>A source could not be fetched; the message is the one-line reason shown to users.</summary>
public sealed class FeedFetchException(string message, Exception? inner = null) : Exception(message, inner);
