namespace CryptoFunctions.Core.Universe;

public sealed class UniverseOptions
{
    public const string SectionName = "Universe";

    /// <summary>A JSON universe replacing the shipped one (same shape: {"coins": [...]}).</summary>
    public string? File { get; set; }
}
