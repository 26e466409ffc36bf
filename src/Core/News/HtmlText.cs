using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace CryptoFunctions.Core.News;

/// <summary>
/// Turns feed HTML into plain text: tags, comments, scripts and styles dropped, entities decoded,
/// whitespace collapsed. A small scanner rather than a DOM parser: it only has to find text, and it
/// runs on every item of every feed.
/// </summary>
public static partial class HtmlText
{
    // Inline elements sit inside words ("Bit<b>coin</b>"), so removing them must not add a space.
    private static readonly HashSet<string> InlineElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "em", "font", "i", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "u",
    };

    private static readonly HashSet<string> DroppedElements = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "noscript", "iframe", "svg" };

    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return string.Empty;
        }
        var text = html.AsSpan().IndexOfAny('<', '&') < 0 ? html : Decode(StripTags(html));
        return CollapseWhitespace(text);
    }

    private static string Decode(string text)
    {
        var decoded = WebUtility.HtmlDecode(text);
        // WordPress feeds often encode entities twice ("&amp;#8217;"); a second pass is only
        // taken when the first one left something that is unmistakably an entity.
        return decoded.Contains('&') && LeftoverEntity().IsMatch(decoded) ? WebUtility.HtmlDecode(decoded) : decoded;
    }

    private static string StripTags(string html)
    {
        var sb = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c != '<')
            {
                sb.Append(c);
                i++;
                continue;
            }
            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                var end = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = end < 0 ? html.Length : end + 3;
                continue;
            }
            var close = html.IndexOf('>', i + 1);
            if (close < 0 || !IsTagStart(html, i + 1))
            {
                // A lone '<' is text ("price < $30k").
                sb.Append(c);
                i++;
                continue;
            }
            var isEndTag = html[i + 1] == '/';
            var name = TagName(html, isEndTag ? i + 2 : i + 1);
            if (!InlineElements.Contains(name))
            {
                sb.Append(' ');
            }
            i = close + 1;
            if (!isEndTag && DroppedElements.Contains(name) && html[close - 1] != '/')
            {
                var endTag = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                var endClose = endTag < 0 ? -1 : html.IndexOf('>', endTag);
                i = endClose < 0 ? html.Length : endClose + 1;
            }
        }
        return sb.ToString();
    }

    private static bool IsTagStart(string html, int i) =>
        i < html.Length && (char.IsAsciiLetter(html[i]) || html[i] is '/' or '!' or '?');

    private static string TagName(string html, int i)
    {
        var start = i;
        while (i < html.Length && (char.IsAsciiLetterOrDigit(html[i]) || html[i] == '-'))
        {
            i++;
        }
        return html[start..i];
    }

    public static string CollapseWhitespace(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c == '\u200B' || char.IsControl(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"&(?:#\d{2,7}|#x[0-9a-fA-F]{2,6}|amp|quot|apos|lt|gt|nbsp);")]
    private static partial Regex LeftoverEntity();
}
