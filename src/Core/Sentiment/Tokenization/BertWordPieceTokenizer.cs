namespace CryptoFunctions.Core.Sentiment.Tokenization;

/// <summary>
/// Hugging Face's BertTokenizer for uncased models over a WordPiece <c>vocab.txt</c> (one token per line,
/// the line number is the id): [CLS] words [SEP], each word split greedily into the longest known pieces,
/// later pieces prefixed "##", and a word that cannot be split, or is over 100 characters, becomes [UNK].
/// </summary>
public sealed class BertWordPieceTokenizer : ITokenizer
{
    private const int MaxCharsPerWord = 100;
    private const string ContinuationPrefix = "##";

    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly SpecialTokens _specialTokens;
    private readonly long _unknown;
    private readonly long _classifier;
    private readonly long _separator;

    private BertWordPieceTokenizer(Dictionary<string, long> vocabulary)
    {
        _lookup = vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        long Special(string token) => vocabulary.TryGetValue(token, out var id)
            ? id
            : throw new InvalidDataException($"The WordPiece vocabulary has no {token} token.");
        _unknown = Special("[UNK]");
        _classifier = Special("[CLS]");
        _separator = Special("[SEP]");
        PadId = Special("[PAD]");
        _specialTokens = new SpecialTokens([.. new[] { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]" }
            .Where(vocabulary.ContainsKey)
            .Select(t => new SpecialToken(t, vocabulary[t]))]);
    }

    public long PadId { get; }

    public static BertWordPieceTokenizer FromVocabularyFile(string path)
    {
        var vocabulary = new Dictionary<string, long>(StringComparer.Ordinal);
        var id = 0L;
        foreach (var line in File.ReadLines(path))
        {
            // Hugging Face keeps the first id of a token listed twice.
            vocabulary.TryAdd(line.TrimEnd('\r'), id++);
        }
        return new BertWordPieceTokenizer(vocabulary);
    }

    public long[] Encode(string text, int maxTokens) => _specialTokens.Encode(
        text, maxTokens, _classifier, _separator, (segment, _, add) => BertBasicTokenizer.Words(segment, word => AddWord(word, add)));

    private bool AddWord(string word, Func<long, bool> add)
    {
        if (word.EnumerateRunes().Count() > MaxCharsPerWord)
        {
            return add(_unknown);
        }
        var pieces = new List<long>();
        Span<char> buffer = stackalloc char[ContinuationPrefix.Length + word.Length];
        ContinuationPrefix.AsSpan().CopyTo(buffer);
        var start = 0;
        while (start < word.Length)
        {
            var end = word.Length;
            long? piece = null;
            while (start < end)
            {
                scoped ReadOnlySpan<char> candidate = word.AsSpan(start, end - start);
                if (start > 0)
                {
                    candidate.CopyTo(buffer[ContinuationPrefix.Length..]);
                    candidate = buffer[..(ContinuationPrefix.Length + end - start)];
                }
                if (_lookup.TryGetValue(candidate, out var id))
                {
                    piece = id;
                    break;
                }
                end--;
                // Never split a surrogate pair: pieces are whole characters.
                if (end > start && char.IsLowSurrogate(word[end]))
                {
                    end--;
                }
            }
            if (piece is null)
            {
                return add(_unknown);
            }
            pieces.Add(piece.Value);
            start = end;
        }
        foreach (var id in pieces)
        {
            if (!add(id))
            {
                return false;
            }
        }
        return true;
    }
}
