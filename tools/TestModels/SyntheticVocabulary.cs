using System.Text;
using CryptoFunctions.Core.Sentiment.Tokenization;

namespace CryptoFunctions.TestModels;

/// <summary>
/// Vocabularies of a real model's size made from a corpus, for random-weight models that must tokenise news
/// into about as many tokens as the real ones do: every character (and byte) is present, so nothing is
/// unknown, then the corpus's words by frequency, each a single token.
/// </summary>
public static class SyntheticVocabulary
{
    private static readonly string[] BertSpecials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

    /// <summary>A WordPiece vocab.txt's lines: specials, printable ASCII alone and as "##" pieces, the corpus's words, then [unusedN] up to <paramref name="size"/>.</summary>
    public static IReadOnlyList<string> Bert(IEnumerable<string> corpus, int size)
    {
        var tokens = new List<string>(BertSpecials);
        for (var c = '!'; c <= '~'; c++)
        {
            if (!char.IsAsciiLetterUpper(c))
            {
                tokens.Add(c.ToString());
                tokens.Add("##" + c);
            }
        }
        var known = tokens.ToHashSet(StringComparer.Ordinal);
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in corpus)
        {
            BertBasicTokenizer.Words(text, word =>
            {
                words[word] = words.GetValueOrDefault(word) + 1;
                return true;
            });
        }
        tokens.AddRange(ByFrequency(words).Where(known.Add).Take(Math.Max(0, size - tokens.Count)));
        for (var unused = 0; tokens.Count < size; unused++)
        {
            tokens.Add($"[unused{unused}]");
        }
        return tokens;
    }

    /// <summary>A byte-level BPE vocab.json and merges.txt: specials, the 256 byte symbols, then merges spelling out the corpus's words left to right, then &lt;mask&gt; as id <paramref name="size"/> − 1.</summary>
    public static (Dictionary<string, int> Vocabulary, List<string> Merges) Roberta(IEnumerable<string> corpus, int size)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in new[] { "<s>", "<pad>", "</s>", "<unk>" }.Concat(ByteLevelAlphabet.Symbols.Select(s => s.ToString())))
        {
            vocabulary.Add(token, vocabulary.Count);
        }
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in corpus)
        {
            foreach (var match in ByteLevelBpeTokenizer.GptPreTokenizer().EnumerateMatches(text))
            {
                var symbols = string.Concat(Encoding.UTF8.GetBytes(text.Substring(match.Index, match.Length)).Select(b => ByteLevelAlphabet.Symbols[b]));
                words[symbols] = words.GetValueOrDefault(symbols) + 1;
            }
        }
        var merges = new List<string>();
        foreach (var word in ByFrequency(words))
        {
            var left = word[..1];
            for (var i = 1; i < word.Length && vocabulary.Count < size - 1; i++)
            {
                var merged = left + word[i];
                if (vocabulary.TryAdd(merged, vocabulary.Count))
                {
                    merges.Add($"{left} {word[i]}");
                }
                left = merged;
            }
        }
        vocabulary.Add("<mask>", vocabulary.Count);
        return (vocabulary, merges);
    }

    private static IEnumerable<string> ByFrequency(Dictionary<string, int> counts) =>
        counts.OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal).Select(w => w.Key);
}
