namespace CryptoFunctions.Core.Prices;

/// <summary>What one price collection did: rows received and stored, symbols the APIs do not know, and failed requests.</summary>
public sealed record PriceCollectionReport(
    DateTimeOffset Ts,
    int SnapshotsReceived,
    int SnapshotsStored,
    int BarsReceived,
    int BarsStored,
    IReadOnlyList<PriceProblem> UnknownSymbols,
    IReadOnlyList<PriceProblem> Failures,
    TimeSpan Elapsed);

/// <summary>A symbol (or a markets page of symbols) and what went wrong with it.</summary>
public sealed record PriceProblem(string Scope, string Message);
