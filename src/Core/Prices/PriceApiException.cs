namespace CryptoFunctions.Core.Prices;

/// <summary>A price API answered with an error, an unusable body, or not at all; the message says which and where.</summary>
public sealed class PriceApiException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The API does not know the symbol or pair (never listed, or delisted): report it, do not retry it.</summary>
    public bool UnknownSymbol { get; init; }

    /// <summary>The host did not answer at all (name resolution, connection, timeout): the next symbol would fare no better.</summary>
    public bool NoAnswer { get; init; }
}
