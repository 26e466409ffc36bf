using System.Globalization;
using System.Text;

namespace CryptoFunctions.Core.Sentiment.Tokenization;

/// <summary>
/// BERT's normaliser and pre-tokeniser for uncased models: drops control characters, turns every kind of
/// whitespace into a space, isolates CJK ideographs, lower-cases, strips accents (NFD without non-spacing
/// marks) and splits into words at whitespace and at each punctuation character.
/// </summary>
/// <remarks>
/// Written by hand because Microsoft.ML.Tokenizers' BertTokenizer (2.0.1) differs from Hugging Face's on
/// news text: it drops "$" altogether, which would erase every $ticker.
/// </remarks>
internal static class BertBasicTokenizer
{
    /// <summary>The words of <paramref name="text"/>; stops early once <paramref name="onWord"/> returns false.</summary>
    public static bool Words(string text, Func<string, bool> onWord)
    {
        var normalized = Normalize(text);
        var word = new StringBuilder();
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (rune.Value == ' ' || IsPunctuation(rune))
            {
                if (word.Length > 0 && !onWord(word.ToString()))
                {
                    return false;
                }
                word.Clear();
                if (rune.Value != ' ' && !onWord(rune.ToString()))
                {
                    return false;
                }
                continue;
            }
            word.Append(rune.ToString());
        }
        return word.Length == 0 || onWord(word.ToString());
    }

    internal static string Normalize(string text)
    {
        var cleaned = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is 0 or 0xFFFD || IsControl(rune))
            {
                continue;
            }
            if (Rune.IsWhiteSpace(rune))
            {
                cleaned.Append(' ');
            }
            else if (IsCjkIdeograph(rune.Value))
            {
                cleaned.Append(' ').Append(rune.ToString()).Append(' ');
            }
            else
            {
                cleaned.Append(rune.ToString());
            }
        }
        var decomposed = cleaned.ToString().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var stripped = new StringBuilder(decomposed.Length);
        foreach (var rune in decomposed.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark)
            {
                stripped.Append(rune.ToString());
            }
        }
        return stripped.ToString();
    }

    // Tab, newline and carriage return are control characters that BERT counts as whitespace.
    private static bool IsControl(Rune rune) => rune.Value is not ('\t' or '\n' or '\r') && Rune.GetUnicodeCategory(rune)
        is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse
        or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned;

    // All ASCII non-alphanumeric symbols count, like "$" and "^", which Unicode files under symbols.
    private static bool IsPunctuation(Rune rune) => rune.Value is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126)
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;

    // The CJK Unified Ideographs blocks BERT isolates; Hangul, kana and CJK punctuation are not among them.
    private static bool IsCjkIdeograph(int c) => c is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF)
        or (>= 0x20000 and <= 0x2A6DF) or (>= 0x2A700 and <= 0x2B73F) or (>= 0x2B740 and <= 0x2B81F)
        or (>= 0x2B820 and <= 0x2CEAF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);
}
