using System.Collections.Frozen;
using System.Globalization;

namespace CryptoFunctions.Core.Sentiment.Vader;

/// <summary>
/// Word valences on VADER's -4..+4 scale: the published lexicon (Hutto &amp; Gilbert 2014, token and mean
/// rating columns of vader_lexicon.txt), optionally overlaid with this project's crypto terms.
/// </summary>
public sealed class VaderLexicon
{
    private VaderLexicon(FrozenDictionary<string, double> valences) => Valences = valences;

    public FrozenDictionary<string, double> Valences { get; }

    public static VaderLexicon Published { get; } = new(LoadPublished().ToFrozenDictionary(StringComparer.Ordinal));

    public static VaderLexicon WithCrypto { get; } = new(
        LoadPublished().Concat(CryptoTerms.Valences).GroupBy(p => p.Key).ToFrozenDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal));

    private static List<KeyValuePair<string, double>> LoadPublished()
    {
        using var stream = typeof(VaderLexicon).Assembly.GetManifestResourceStream("vader_lexicon.txt")!;
        using var reader = new StreamReader(stream);
        var entries = new List<KeyValuePair<string, double>>(7600);
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0)
            {
                entries.Add(new(line[..tab], double.Parse(line.AsSpan(tab + 1), CultureInfo.InvariantCulture)));
            }
        }
        // The published file lists a few tokens twice; the reference ports keep the later value.
        return entries.GroupBy(e => e.Key, StringComparer.Ordinal).Select(g => g.Last()).ToList();
    }
}
