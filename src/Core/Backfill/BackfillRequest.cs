using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CryptoFunctions.Core.Universe;

namespace CryptoFunctions.Core.Backfill;

/// <summary>
/// A validated backfill: [<see cref="From"/>, <see cref="To"/>) in UTC days, the kinds in run order, and the
/// symbols (the whole universe when the request named none).
/// </summary>
public sealed record BackfillRequest(DateOnly From, DateOnly To, IReadOnlyList<BackfillKind> Kinds, IReadOnlyList<string> Symbols)
{
    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public DateTimeOffset End => new(To.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The same request always gets the same id, so a repeated start finds the running instance instead of starting a second.</summary>
    public string InstanceId
    {
        get
        {
            var canonical = string.Create(CultureInfo.InvariantCulture,
                $"{From:yyyy-MM-dd}|{To:yyyy-MM-dd}|{string.Join(',', Kinds)}|{string.Join(',', Symbols.Order(StringComparer.Ordinal))}");
            return "backfill-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..20];
        }
    }

    /// <summary>
    /// Parses and validates a request body such as
    /// <c>{"from":"2024-01-01","to":"2024-03-31","kinds":["prices","news"],"symbols":["BTC"]}</c>;
    /// every problem is listed, not only the first.
    /// </summary>
    public static (BackfillRequest? Request, IReadOnlyList<string> Errors) Parse(string? json, CoinUniverse universe, BackfillOptions options)
    {
        Body? body = null;
        try
        {
            body = string.IsNullOrWhiteSpace(json) ? null : JsonSerializer.Deserialize(json, BackfillJsonContext.Default.Body);
        }
        catch (JsonException e)
        {
            return (null, [$"the body is not valid JSON: {e.Message}"]);
        }
        if (body is null)
        {
            return (null, ["the body is empty; expected {\"from\": \"YYYY-MM-DD\", \"to\": \"YYYY-MM-DD\", \"kinds\": [...], \"symbols\": [...]}"]);
        }
        return Validate(body.From, body.To, body.Kinds, body.Symbols, universe, options);
    }

    public static (BackfillRequest? Request, IReadOnlyList<string> Errors) Validate(
        string? from, string? to, IReadOnlyList<string>? kinds, IReadOnlyList<string>? symbols, CoinUniverse universe, BackfillOptions options)
    {
        var errors = new List<string>();
        var start = Date("from", from, errors);
        var end = Date("to", to, errors);
        if (start is { } s && end is { } e)
        {
            if (s >= e)
            {
                errors.Add($"from ({s:yyyy-MM-dd}) must be before to ({e:yyyy-MM-dd}); to is exclusive");
            }
            else if (e.DayNumber - s.DayNumber > options.MaxRangeDays)
            {
                errors.Add($"the range is {e.DayNumber - s.DayNumber} days, more than the {options.MaxRangeDays} allowed (Backfill:MaxRangeDays); split it");
            }
        }
        var parsedKinds = new List<BackfillKind>();
        foreach (var kind in kinds ?? [])
        {
            if (Enum.TryParse<BackfillKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k) && !int.TryParse(kind, out _))
            {
                parsedKinds.Add(k);
            }
            else
            {
                errors.Add($"unknown kind '{kind}' (known: {string.Join(", ", Enum.GetNames<BackfillKind>().Select(n => n.ToLowerInvariant()))})");
            }
        }
        var known = universe.Coins.Select(c => c.Symbol).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknownSymbols = (symbols ?? []).Where(x => !known.Contains(x)).ToList();
        if (unknownSymbols.Count > 0)
        {
            errors.Add($"symbols not in the universe: {string.Join(", ", unknownSymbols)}");
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var chosenKinds = parsedKinds.Count == 0 ? Enum.GetValues<BackfillKind>() : parsedKinds.Distinct().Order().ToArray();
        var chosenSymbols = symbols is { Count: > 0 }
            ? universe.Coins.Where(c => symbols.Contains(c.Symbol, StringComparer.OrdinalIgnoreCase)).Select(c => c.Symbol).ToList()
            : universe.Coins.Select(c => c.Symbol).ToList();
        return (new BackfillRequest(start!.Value, end!.Value, chosenKinds, chosenSymbols), []);
    }

    private static DateOnly? Date(string name, string? value, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{name} is required (YYYY-MM-DD)");
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors.Add($"{name} '{value}' is not a date (YYYY-MM-DD)");
        return null;
    }

    internal sealed record Body(
        [property: JsonPropertyName("from")] string? From,
        [property: JsonPropertyName("to")] string? To,
        [property: JsonPropertyName("kinds")] List<string>? Kinds,
        [property: JsonPropertyName("symbols")] List<string>? Symbols);
}

[JsonSerializable(typeof(BackfillRequest.Body))]
[JsonSourceGenerationOptions(AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip)]
internal sealed partial class BackfillJsonContext : JsonSerializerContext;
