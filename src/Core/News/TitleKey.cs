using System.Globalization;
using System.Text;

namespace CryptoFunctions.Core.News;

/// <summary>
/// The form in which two headlines that differ only in case, punctuation, quotes, accents or spacing
/// compare equal; syndicated copies of a story share it.
/// </summary>
public static class TitleKey
{
    /// <summary>Shorter titles ("Market update", "Bitcoin price") are too generic to mark copies.</summary>
    public const int MinimumWords = 4;

    public static string? For(string title)
    {
        var decomposed = title.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var words = 0;
        var inWord = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsLetterOrDigit(c))
            {
                if (!inWord)
                {
                    if (sb.Length > 0)
                    {
                        sb.Append(' ');
                    }
                    words++;
                    inWord = true;
                }
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (c is '.' or '\'' or '\u2019' or '\u2018' or ',' && inWord)
            {
                // "U.S." and "US", "SEC's" and "SECs", "1,000" and "1000" are the same words.
            }
            else
            {
                inWord = false;
            }
        }
        return words >= MinimumWords ? sb.ToString() : null;
    }
}
