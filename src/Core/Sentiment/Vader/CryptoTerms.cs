using System.Text.RegularExpressions;

namespace CryptoFunctions.Core.Sentiment.Vader;

/// <summary>
/// The crypto market's own sentiment words, on VADER's -4..+4 scale (this project's ratings, not part of
/// the published lexicon). Multi-word terms are joined into one token before scoring, since VADER looks
/// words up one at a time.
/// </summary>
public static partial class CryptoTerms
{
    public static IReadOnlyDictionary<string, double> Valences { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["bullish"] = 2.2,
        ["bearish"] = -2.2,
        ["bull"] = 1.2,
        ["bulls"] = 1.2,
        ["bears"] = -1.2,
        ["hodl"] = 1.0,
        ["hodling"] = 1.0,
        ["hodlers"] = 0.8,
        ["wagmi"] = 2.0,
        ["ngmi"] = -2.0,
        ["moon"] = 1.8,
        ["mooning"] = 2.3,
        ["moonshot"] = 1.8,
        ["tothemoon"] = 2.5,
        ["rekt"] = -2.6,
        ["rugpull"] = -3.0,
        ["rugged"] = -2.5,
        ["fud"] = -1.5,
        ["ponzi"] = -2.8,
        ["ath"] = 2.0,
        ["alltimehigh"] = 2.0,
        ["bullrun"] = 2.3,
        ["bullmarket"] = 2.0,
        ["bearmarket"] = -2.0,
        ["shortsqueeze"] = 1.2,
        ["goldencross"] = 1.6,
        ["deathcross"] = -1.8,
        ["liquidated"] = -2.0,
        ["liquidation"] = -1.8,
        ["liquidations"] = -1.8,
        ["capitulation"] = -2.3,
        ["depeg"] = -2.3,
        ["depegs"] = -2.3,
        ["depegged"] = -2.3,
        ["insolvent"] = -2.6,
        ["exploit"] = -2.2,
        ["exploited"] = -2.5,
        ["hacked"] = -2.5,
        ["drained"] = -2.2,
        ["delisted"] = -1.8,
        ["delisting"] = -1.8,
        ["selloff"] = -2.0,
        ["dump"] = -1.9,
        ["dumps"] = -1.9,
        ["plunge"] = -2.0,
        ["plunges"] = -2.2,
        ["tanks"] = -2.0,
        ["slumps"] = -1.8,
        ["crashes"] = -2.2,
        ["rally"] = 1.8,
        ["rallies"] = 1.8,
        ["surge"] = 1.6,
        ["surges"] = 1.9,
        ["soars"] = 2.0,
        ["inflows"] = 1.0,
        ["outflows"] = -1.0,
        ["adoption"] = 1.2,
        ["approval"] = 1.5,
        ["approves"] = 1.6,
    };

    private static readonly string[] PhraseTokens =
        ["rugpull", "alltimehigh", "tothemoon", "bullrun", "bullmarket", "bearmarket", "shortsqueeze", "goldencross", "deathcross"];

    /// <summary>Joins the multi-word terms ("rug pull", "all-time high", "to the moon") into their single tokens.</summary>
    public static string JoinPhrases(string text) =>
        Phrase().Replace(text, m => PhraseTokens.First(token => m.Groups[token].Success));

    // One named group per joined token; each matches the phrase with spaces or hyphens and common inflections.
    [GeneratedRegex(
        @"\b(?:(?<rugpull>rug[\s-]+pull(?:ed|s)?)|(?<alltimehigh>all[\s-]+time[\s-]+highs?)|(?<tothemoon>to[\s-]+the[\s-]+moon)" +
        @"|(?<bullrun>bull[\s-]+run)|(?<bullmarket>bull[\s-]+market)|(?<bearmarket>bear[\s-]+market)|(?<shortsqueeze>short[\s-]+squeeze)" +
        @"|(?<goldencross>golden[\s-]+cross)|(?<deathcross>death[\s-]+cross))\b",
        RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex Phrase();
}
