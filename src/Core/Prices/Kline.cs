namespace CryptoFunctions.Core.Prices;

/// <summary>A closed 5-minute bar; <see cref="Ts"/> is its close (open time + 5 minutes), so Close is the price at Ts.</summary>
public sealed record Kline(
    string Symbol,
    DateTimeOffset Ts,
    double Open,
    double High,
    double Low,
    double Close,
    double Volume,
    double QuoteVolume,
    int Trades);
