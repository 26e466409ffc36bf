using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace CryptoFunctions.Core.Sentiment.Tokenization;

/// <summary>
/// Hugging Face's RobertaTokenizer (byte-level BPE) over <c>vocab.json</c> and <c>merges.txt</c>:
/// &lt;s&gt; tokens &lt;/s&gt;, the text split by GPT-2's pattern into words (a leading space belongs to the
/// word that follows it), each word's UTF-8 bytes mapped to <see cref="ByteLevelAlphabet"/> and merged by
/// merge rank. No prefix space is added, as in RoBERTa's default.
/// </summary>
/// <remarks>
/// The merging is Microsoft.ML.Tokenizers' BpeTokenizer, which gives Hugging Face's ids on every golden case
/// but one: special tokens written in the text (it does not swallow the space before &lt;mask&gt;), so those are
/// found here first and only the text between them goes to the library.
/// </remarks>
public sealed partial class ByteLevelBpeTokenizer : ITokenizer
{
    private readonly BpeTokenizer _bpe;
    private readonly SpecialTokens _specialTokens;
    private readonly long _start;
    private readonly long _end;

    private ByteLevelBpeTokenizer(BpeTokenizer bpe, string source)
    {
        _bpe = bpe;
        var vocabulary = bpe.Vocabulary;
        var missing = ByteLevelAlphabet.Symbols.Count(s => !vocabulary.ContainsKey(s.ToString()));
        if (missing > 0)
        {
            throw new InvalidDataException($"{source} lacks {missing} of the 256 byte-level symbols, so some text could not be encoded.");
        }
        long Special(string token) => vocabulary.TryGetValue(token, out var id)
            ? id
            : throw new InvalidDataException($"{source} has no {token} token.");
        _start = Special("<s>");
        _end = Special("</s>");
        PadId = Special("<pad>");
        _specialTokens = new SpecialTokens([.. new[] { "<s>", "<pad>", "</s>", "<unk>", "<mask>" }
            .Where(vocabulary.ContainsKey)
            .Select(t => new SpecialToken(t, vocabulary[t], StripLeft: t == "<mask>"))]);
    }

    public long PadId { get; }

    public static ByteLevelBpeTokenizer FromFiles(string vocabularyPath, string mergesPath)
    {
        BpeTokenizer bpe;
        try
        {
            bpe = BpeTokenizer.Create(new BpeOptions(vocabularyPath, mergesPath)
            {
                ByteLevel = true,
                PreTokenizer = new RegexPreTokenizer(GptPreTokenizer(), specialTokens: null),
            });
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or System.Text.Json.JsonException)
        {
            throw new InvalidDataException($"{vocabularyPath} and {mergesPath} are not a byte-level BPE vocabulary: {e.Message}", e);
        }
        return new ByteLevelBpeTokenizer(bpe, vocabularyPath);
    }

    public long[] Encode(string text, int maxTokens) => _specialTokens.Encode(text, maxTokens, _start, _end, (segment, wanted, add) =>
    {
        foreach (var id in _bpe.EncodeToIds(segment, wanted, out _, out _))
        {
            if (!add(id))
            {
                return false;
            }
        }
        return true;
    });

    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+", RegexOptions.CultureInvariant)]
    internal static partial Regex GptPreTokenizer();
}
