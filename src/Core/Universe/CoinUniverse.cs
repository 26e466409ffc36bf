using System.Text.Json;
using System.Text.RegularExpressions;

namespace CryptoFunctions.Core.Universe;

/// <summary>The symbols prices, tagging and features are computed for.</summary>
public sealed partial class CoinUniverse
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public CoinUniverse(IReadOnlyList<Coin> coins) => Coins = coins;

    public IReadOnlyList<Coin> Coins { get; }

    public static CoinUniverse Load(string? file)
    {
        if (string.IsNullOrWhiteSpace(file))
        {
            using var shipped = typeof(CoinUniverse).Assembly.GetManifestResourceStream("universe.json")!;
            return Parse(shipped, "the shipped universe");
        }
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"Universe file '{file}' does not exist.", file);
        }
        using var stream = File.OpenRead(file);
        return Parse(stream, file);
    }

    public static CoinUniverse Parse(Stream json, string origin)
    {
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Universe in {origin} is not valid JSON: {e.Message}", e);
        }
        var coins = document?.Coins ?? [];
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < coins.Count; i++)
        {
            var c = coins[i];
            if (string.IsNullOrWhiteSpace(c.Symbol) || !SymbolPattern().IsMatch(c.Symbol))
            {
                errors.Add($"coin #{i + 1}: symbol must be 1-15 upper-case letters or digits");
            }
            else if (!seen.Add(c.Symbol))
            {
                errors.Add($"coin #{i + 1}: symbol {c.Symbol} is listed twice");
            }
            if (string.IsNullOrWhiteSpace(c.Name) || string.IsNullOrWhiteSpace(c.CoingeckoId))
            {
                errors.Add($"coin #{i + 1} ({c.Symbol}): name and coingeckoId are required");
            }
        }
        if (coins.Count == 0)
        {
            errors.Add("no coins listed (expected {\"coins\": [...]})");
        }
        if (errors.Count > 0)
        {
            throw new InvalidDataException($"Universe in {origin} is invalid: {string.Join("; ", errors)}");
        }
        return new CoinUniverse(coins.Select(c => c with { Names = c.Names ?? [] }).ToList());
    }

    [GeneratedRegex("^[A-Z0-9]{1,15}$")]
    private static partial Regex SymbolPattern();

    private sealed record Document(List<Coin>? Coins);
}
