using CryptoFunctions.Core.Universe;

namespace CryptoFunctions.Core.News;

/// <summary>
/// Finds the coins a text mentions, on word boundaries: a coin's names (longest match wins, so
/// "Bitcoin Cash" is BCH and not BTC), its upper-case ticker, or a $cashtag. Ambiguous tickers
/// count only as cashtags; one-word names that are also everyday words ("Stellar performance") count
/// only with their exact capitalisation and with the ticker somewhere in the same text.
/// </summary>
public sealed class SymbolTagger
{
    private readonly Dictionary<string, List<Phrase>> _phrasesByFirstWord = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Coin> _tickers = new(StringComparer.OrdinalIgnoreCase);

    public SymbolTagger(CoinUniverse universe)
    {
        foreach (var coin in universe.Coins)
        {
            _tickers[coin.Symbol] = coin;
            foreach (var name in coin.Names)
            {
                var words = Tokenize(name).Select(t => name.Substring(t.Start, t.Length)).ToArray();
                if (words.Length == 0)
                {
                    continue;
                }
                if (!_phrasesByFirstWord.TryGetValue(words[0], out var list))
                {
                    _phrasesByFirstWord[words[0]] = list = [];
                }
                list.Add(new Phrase(words, coin.Symbol, ExactCase: coin.NamesAreWords, NeedsTicker: coin.NamesAreWords && words.Length == 1));
            }
        }
        foreach (var list in _phrasesByFirstWord.Values)
        {
            list.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
        }
    }

    public IReadOnlyList<string> Tag(string text)
    {
        var tokens = Tokenize(text);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var tickersWritten = new HashSet<string>(StringComparer.Ordinal);
        var wordNames = new HashSet<string>(StringComparer.Ordinal);
        var tickers = _tickers.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var word = text.AsSpan(token.Start, token.Length);
            var phrase = MatchPhrase(text, tokens, i);
            if (phrase is not null)
            {
                ((ISet<string>)(phrase.NeedsTicker ? wordNames : found)).Add(phrase.Symbol);
                i += phrase.Words.Length - 1;
                continue;
            }
            if (tickers.TryGetValue(word, out var coin) && (token.Cashtag || word.SequenceEqual(coin.Symbol)))
            {
                tickersWritten.Add(coin.Symbol);
                if (token.Cashtag || !coin.AmbiguousTicker)
                {
                    found.Add(coin.Symbol);
                }
            }
        }
        found.UnionWith(wordNames.Intersect(tickersWritten));
        return [.. found];
    }

    private Phrase? MatchPhrase(string text, List<Token> tokens, int start)
    {
        var first = text.AsSpan(tokens[start].Start, tokens[start].Length);
        if (!_phrasesByFirstWord.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(first, out var candidates))
        {
            return null;
        }
        foreach (var phrase in candidates)
        {
            if (start + phrase.Words.Length > tokens.Count)
            {
                continue;
            }
            var comparison = phrase.ExactCase ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
            var matched = true;
            for (var k = 0; k < phrase.Words.Length && matched; k++)
            {
                var t = tokens[start + k];
                matched = text.AsSpan(t.Start, t.Length).Equals(phrase.Words[k], comparison);
            }
            if (matched)
            {
                return phrase;
            }
        }
        return null;
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                i++;
            }
            tokens.Add(new Token(start, i - start, start > 0 && text[start - 1] == '$'));
        }
        return tokens;
    }

    private readonly record struct Token(int Start, int Length, bool Cashtag);

    private sealed record Phrase(string[] Words, string Symbol, bool ExactCase, bool NeedsTicker);
}
