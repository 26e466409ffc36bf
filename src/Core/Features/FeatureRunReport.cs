namespace CryptoFunctions.Core.Features;

/// <summary>What one materialisation did.</summary>
public sealed record FeatureRunReport(
    string Mode,
    int Symbols,
    long RowsComputed,
    long RowsWritten,
    int Articles,
    bool Skipped,
    TimeSpan Elapsed);
