using System.Collections.Frozen;

namespace CryptoFunctions.Core.Sentiment.Vader;

/// <summary>
/// VADER (Hutto &amp; Gilbert 2014), following the reference JavaScript port (npm vader-sentiment 1.1.3)
/// rule for rule, so that its compound scores can be checked against that port: the same tokenisation,
/// booster and negation windows, ALL-CAPS emphasis, "but" weighting, idioms, and !/? amplification.
/// </summary>
public sealed class VaderAnalyzer(VaderLexicon lexicon)
{
    private const double BoosterIncrement = 0.293;
    private const double BoosterDecrement = -0.293;
    private const double CapsIncrement = 0.733;
    private const double NegationScalar = -0.74;
    private const double NormalizationAlpha = 15;

    private static readonly string[] Punctuation = [".", "!", "?", ",", ";", ":", "-", "'", "\"", "!!", "!!!", "??", "???", "?!?", "!?!", "?!?!", "!?!?"];

    private static readonly FrozenSet<string> Negations = FrozenSet.ToFrozenSet(
    [
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't", "couldn't",
        "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither", "don't",
        "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", "neednt", "needn't", "never", "none", "nope", "nor",
        "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent", "oughtn't", "shan't",
        "shouldn't", "uh-uh", "wasn't", "weren't", "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite",
    ], StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, double> Boosters = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["absolutely"] = BoosterIncrement,
        ["amazingly"] = BoosterIncrement,
        ["awfully"] = BoosterIncrement,
        ["completely"] = BoosterIncrement,
        ["considerably"] = BoosterIncrement,
        ["decidedly"] = BoosterIncrement,
        ["deeply"] = BoosterIncrement,
        ["effing"] = BoosterIncrement,
        ["enormously"] = BoosterIncrement,
        ["entirely"] = BoosterIncrement,
        ["especially"] = BoosterIncrement,
        ["exceptionally"] = BoosterIncrement,
        ["extremely"] = BoosterIncrement,
        ["fabulously"] = BoosterIncrement,
        ["flipping"] = BoosterIncrement,
        ["flippin"] = BoosterIncrement,
        ["fricking"] = BoosterIncrement,
        ["frickin"] = BoosterIncrement,
        ["frigging"] = BoosterIncrement,
        ["friggin"] = BoosterIncrement,
        ["fully"] = BoosterIncrement,
        ["fucking"] = BoosterIncrement,
        ["greatly"] = BoosterIncrement,
        ["hella"] = BoosterIncrement,
        ["highly"] = BoosterIncrement,
        ["hugely"] = BoosterIncrement,
        ["incredibly"] = BoosterIncrement,
        ["intensely"] = BoosterIncrement,
        ["majorly"] = BoosterIncrement,
        ["more"] = BoosterIncrement,
        ["most"] = BoosterIncrement,
        ["particularly"] = BoosterIncrement,
        ["purely"] = BoosterIncrement,
        ["quite"] = BoosterIncrement,
        ["really"] = BoosterIncrement,
        ["remarkably"] = BoosterIncrement,
        ["so"] = BoosterIncrement,
        ["substantially"] = BoosterIncrement,
        ["thoroughly"] = BoosterIncrement,
        ["totally"] = BoosterIncrement,
        ["tremendously"] = BoosterIncrement,
        ["uber"] = BoosterIncrement,
        ["unbelievably"] = BoosterIncrement,
        ["unusually"] = BoosterIncrement,
        ["utterly"] = BoosterIncrement,
        ["very"] = BoosterIncrement,
        ["almost"] = BoosterDecrement,
        ["barely"] = BoosterDecrement,
        ["hardly"] = BoosterDecrement,
        ["just enough"] = BoosterDecrement,
        ["kind of"] = BoosterDecrement,
        ["kinda"] = BoosterDecrement,
        ["kindof"] = BoosterDecrement,
        ["kind-of"] = BoosterDecrement,
        ["less"] = BoosterDecrement,
        ["little"] = BoosterDecrement,
        ["marginally"] = BoosterDecrement,
        ["occasionally"] = BoosterDecrement,
        ["partly"] = BoosterDecrement,
        ["scarcely"] = BoosterDecrement,
        ["slightly"] = BoosterDecrement,
        ["somewhat"] = BoosterDecrement,
        ["sort of"] = BoosterDecrement,
        ["sorta"] = BoosterDecrement,
        ["sortof"] = BoosterDecrement,
        ["sort-of"] = BoosterDecrement,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, double> Idioms = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["the shit"] = 3,
        ["the bomb"] = 3,
        ["bad ass"] = 1.5,
        ["yeah right"] = -2,
        ["cut the mustard"] = 2,
        ["kiss of death"] = -1.5,
        ["hand to mouth"] = -2,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, double> _valences = lexicon.Valences;

    public VaderScores Score(string text)
    {
        var words = WordsAndEmoticons(text);
        // Every rule looks words up in lower case, several times each: lower them once.
        var lower = words.ConvertAll(w => w.ToLowerInvariant());
        var capsDifferential = IsCapsDifferential(words);
        var sentiments = new double[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            var kindOf = i < words.Count - 1 && lower[i] == "kind" && lower[i + 1] == "of";
            sentiments[i] = kindOf || Boosters.ContainsKey(lower[i]) ? 0 : Valence(words, lower, i, capsDifferential);
        }
        ApplyBut(words, sentiments);
        return Summarize(sentiments, text);
    }

    private double Valence(List<string> words, List<string> lower, int index, bool capsDifferential)
    {
        var item = words[index];
        if (!_valences.TryGetValue(lower[index], out var valence))
        {
            return 0;
        }
        if (IsUpper(item) && capsDifferential)
        {
            valence += valence > 0 ? CapsIncrement : -CapsIncrement;
        }
        for (var start = 0; start < 3; start++)
        {
            var before = index - (start + 1);
            if (index > start && !_valences.ContainsKey(lower[before]))
            {
                // Boosters further from the word count less.
                valence += BoosterScalar(words[before], lower[before], valence, capsDifferential) * start switch { 1 => 0.95, 2 => 0.9, _ => 1 };
                valence = NeverCheck(valence, words, start, index);
                if (start == 2)
                {
                    valence = IdiomsCheck(valence, words, index);
                }
            }
        }
        return LeastCheck(valence, lower, index);
    }

    private static double BoosterScalar(string word, string lowerWord, double valence, bool capsDifferential)
    {
        if (!Boosters.TryGetValue(lowerWord, out var scalar))
        {
            return 0;
        }
        if (valence < 0)
        {
            scalar *= -1;
        }
        if (capsDifferential && IsUpper(word))
        {
            scalar += valence > 0 ? CapsIncrement : -CapsIncrement;
        }
        return scalar;
    }

    private static double NeverCheck(double valence, List<string> words, int start, int index)
    {
        switch (start)
        {
            case 0 when IsNegated(words[index - 1]):
                return valence * NegationScalar;
            case 1 when words[index - 2] == "never" && (words[index - 1] == "so" || words[index - 1] == "this"):
                return valence * 1.5;
            case 1 when IsNegated(words[index - 2]):
                return valence * NegationScalar;
            case 2 when (words[index - 3] == "never" && (words[index - 2] == "so" || words[index - 2] == "this")) ||
                        words[index - 1] == "so" || words[index - 1] == "this":
                return valence * 1.25;
            case 2 when IsNegated(words[index - 3]):
                return valence * NegationScalar;
            default:
                return valence;
        }
    }

    private static double IdiomsCheck(double valence, List<string> words, int index)
    {
        string[] preceding =
        [
            $"{words[index - 1]} {words[index]}",
            $"{words[index - 2]} {words[index - 1]} {words[index]}",
            $"{words[index - 2]} {words[index - 1]}",
            $"{words[index - 3]} {words[index - 2]} {words[index - 1]}",
            $"{words[index - 3]} {words[index - 2]}",
        ];
        foreach (var sequence in preceding)
        {
            if (Idioms.TryGetValue(sequence, out var idiom))
            {
                valence = idiom;
                break;
            }
        }
        if (words.Count - 1 > index && Idioms.TryGetValue($"{words[index]} {words[index + 1]}", out var following))
        {
            valence = following;
        }
        if (words.Count - 1 > index + 1 && Idioms.TryGetValue($"{words[index]} {words[index + 1]} {words[index + 2]}", out var following2))
        {
            valence = following2;
        }
        if (Boosters.ContainsKey(preceding[4]) || Boosters.ContainsKey(preceding[2]))
        {
            valence += BoosterDecrement;
        }
        return valence;
    }

    private double LeastCheck(double valence, List<string> lower, int index)
    {
        if (index > 0 && lower[index - 1] == "least" && !_valences.ContainsKey("least"))
        {
            var before = index > 1 ? lower[index - 2] : null;
            if (before is null || (before != "at" && before != "very"))
            {
                return valence * NegationScalar;
            }
        }
        return valence;
    }

    private static void ApplyBut(List<string> words, double[] sentiments)
    {
        var but = words.IndexOf("but");
        if (but < 0)
        {
            but = words.IndexOf("BUT");
        }
        if (but < 0)
        {
            return;
        }
        for (var i = 0; i < sentiments.Length; i++)
        {
            sentiments[i] *= i < but ? 0.5 : i > but ? 1.5 : 1;
        }
    }

    private static VaderScores Summarize(double[] sentiments, string text)
    {
        if (sentiments.Length == 0)
        {
            return default;
        }
        var sum = sentiments.Sum();
        var emphasis = ExclamationEmphasis(text) + QuestionEmphasis(text);
        sum += sum > 0 ? emphasis : sum < 0 ? -emphasis : 0;
        var compound = Math.Clamp(sum / Math.Sqrt((sum * sum) + NormalizationAlpha), -1, 1);

        double positive = 0, negative = 0, neutral = 0;
        foreach (var s in sentiments)
        {
            // The +1 / -1 compensate for neutral words being counted as 1 each.
            if (s > 0)
            {
                positive += s + 1;
            }
            else if (s < 0)
            {
                negative += s - 1;
            }
            else
            {
                neutral += 1;
            }
        }
        if (positive > Math.Abs(negative))
        {
            positive += emphasis;
        }
        else if (positive < Math.Abs(negative))
        {
            negative -= emphasis;
        }
        var total = positive + Math.Abs(negative) + neutral;
        return new VaderScores(Math.Abs(negative / total), Math.Abs(neutral / total), Math.Abs(positive / total), compound);
    }

    private static double ExclamationEmphasis(string text) => Math.Min(text.Count(c => c == '!'), 4) * 0.292;

    private static double QuestionEmphasis(string text)
    {
        var count = text.Count(c => c == '?');
        return count <= 1 ? 0 : count <= 3 ? count * 0.18 : 0.96;
    }

    private static bool IsNegated(string word) => Negations.Contains(word) || word.Contains("n't", StringComparison.Ordinal);

    /// <summary>Python's str.isupper as the reference ports use it: no a-z and at least one A-Z.</summary>
    private static bool IsUpper(string word) => !word.Any(char.IsAsciiLetterLower) && word.Any(char.IsAsciiLetterUpper);

    private static bool IsCapsDifferential(List<string> words)
    {
        var caps = words.Count(IsUpper);
        var differential = words.Count - caps;
        return differential > 0 && differential < words.Count;
    }

    /// <summary>
    /// Whitespace-separated tokens of two or more characters; a token that is a word plus one leading or
    /// trailing punctuation mark loses the mark, while emoticons and contractions stay as they are.
    /// </summary>
    private static List<string> WordsAndEmoticons(string text)
    {
        var words = SplitOnWhitespace(new string(text.Where(c => !IsAsciiPunctuation(c)).ToArray())).ToHashSet(StringComparer.Ordinal);
        var tokens = SplitOnWhitespace(text);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            foreach (var mark in Punctuation)
            {
                if (token.StartsWith(mark, StringComparison.Ordinal) && words.Contains(token[mark.Length..]))
                {
                    tokens[i] = token[mark.Length..];
                    break;
                }
                if (token.EndsWith(mark, StringComparison.Ordinal) && words.Contains(token[..^mark.Length]))
                {
                    tokens[i] = token[..^mark.Length];
                    break;
                }
            }
        }
        return tokens;
    }

    private static bool IsAsciiPunctuation(char c) => c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~');

    private static List<string> SplitOnWhitespace(string text) =>
        text.Split(JsWhitespace).Where(t => t.Length > 1).ToList();

    // JavaScript's \s, which the reference port splits on.
    private static readonly char[] JsWhitespace =
    [
        ' ', '\f', '\n', '\r', '\t', '\v', '\u00a0', '\u1680', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005',
        '\u2006', '\u2007', '\u2008', '\u2009', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff',
    ];
}
