namespace CryptoFunctions.Core.Features;

/// <summary>
/// What the features need of one unique article: when it was published, the symbols it is tagged with,
/// the ensemble score and market type, and each per-model score (NaN when that model has not scored it).
/// </summary>
public sealed record ArticleSignal(
    DateTimeOffset PublishedAt,
    IReadOnlyList<string> Symbols,
    double Ensemble,
    bool? Bullish,
    double Finbert,
    double Cryptobert,
    double Vader);
