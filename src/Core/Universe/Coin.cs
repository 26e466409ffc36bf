namespace CryptoFunctions.Core.Universe;

/// <summary>
/// One symbol of the price universe. <see cref="Names"/> are the phrases that name the coin in text;
/// an <see cref="AmbiguousTicker"/> is an everyday word ("LINK", "NEAR") counted only as a $cashtag or
/// through a name; <see cref="NamesAreWords"/> means a one-word name ("Stellar", "Polygon") is counted only
/// with its exact capitalisation and when the text also carries the ticker.
/// </summary>
public sealed record Coin(
    string Symbol,
    string Name,
    string CoingeckoId,
    string? Pair,
    IReadOnlyList<string> Names,
    bool AmbiguousTicker = false,
    bool NamesAreWords = false);
