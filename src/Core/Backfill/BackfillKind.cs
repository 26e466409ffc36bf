namespace CryptoFunctions.Core.Backfill;

/// <summary>What a backfill fills, in the order it runs: features need prices and sentiment, sentiment needs news.</summary>
public enum BackfillKind
{
    Prices,
    News,
    Sentiment,
    Features,
}
