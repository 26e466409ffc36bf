namespace CryptoFunctions.Core.Sentiment.Tokenization;

/// <summary>A special token of a vocabulary. <paramref name="StripLeft"/> swallows the whitespace before it (RoBERTa's &lt;mask&gt;).</summary>
internal sealed record SpecialToken(string Content, long Id, bool StripLeft = false);

/// <summary>
/// Finds special tokens written literally in a text, as Hugging Face does before normalising: "[SEP]" in a
/// headline becomes the separator id, not the characters "[", "sep", "]". The longest match wins at a position.
/// </summary>
internal sealed class SpecialTokens(IReadOnlyList<SpecialToken> tokens)
{
    private readonly SpecialToken[] _tokens = [.. tokens.Where(t => t.Content.Length > 0).OrderByDescending(t => t.Content.Length)];
    private readonly HashSet<char> _firstChars = [.. tokens.Where(t => t.Content.Length > 0).Select(t => t.Content[0])];

    /// <summary>
    /// <paramref name="first"/>, the ids of <paramref name="text"/>, <paramref name="last"/>: at most <paramref name="maxTokens"/> in all,
    /// the text's ids cut as Hugging Face truncates one sequence. <paramref name="encodeText"/> gets a stretch of ordinary
    /// text, the ids still wanted and a sink that returns false once no more are wanted; it returns false to stop.
    /// </summary>
    public long[] Encode(string text, int maxTokens, long first, long last, Func<string, int, Func<long, bool>, bool> encodeText)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (maxTokens < 2)
        {
            return [];
        }
        var budget = maxTokens - 2;
        var ids = new List<long>(Math.Min(budget, 64) + 2) { first };
        bool Add(long id)
        {
            ids.Add(id);
            return ids.Count - 1 < budget;
        }
        if (budget > 0)
        {
            Split(text, segment => encodeText(segment, budget - (ids.Count - 1), Add), Add);
        }
        ids.Add(last);
        return [.. ids];
    }

    /// <summary>Calls <paramref name="onText"/> for each stretch of ordinary text and <paramref name="onSpecial"/> for each special token, in order; stops when either returns false.</summary>
    public void Split(string text, Func<string, bool> onText, Func<long, bool> onSpecial)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!_firstChars.Contains(text[i]))
            {
                continue;
            }
            var match = Array.Find(_tokens, t => string.CompareOrdinal(text, i, t.Content, 0, t.Content.Length) == 0);
            if (match is null)
            {
                continue;
            }
            var before = text[start..i];
            if (match.StripLeft)
            {
                before = before.TrimEnd();
            }
            if ((before.Length > 0 && !onText(before)) || !onSpecial(match.Id))
            {
                return;
            }
            start = i + match.Content.Length;
            i = start - 1;
        }
        if (start < text.Length)
        {
            onText(text[start..]);
        }
    }
}
