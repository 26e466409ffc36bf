using System.Text.Json;
using CryptoFunctions.Core.Sentiment.Tokenization;
using CryptoFunctions.Tests.Infrastructure;
using Xunit;

namespace CryptoFunctions.Tests.Sentiment.Tokenization;

/// <summary>
/// Ids from Hugging Face's JavaScript tokenizers on the same vocabulary files (scripts/tokenizer-reference.mjs),
/// one case per rule: casing and accents, punctuation, ## pieces, [UNK], byte-level spaces, unicode and emoji,
/// merge priority, special tokens, truncation, and news-like headlines.
/// </summary>
public sealed class TokenizerGoldenTests
{
    private static readonly BertWordPieceTokenizer Bert =
        BertWordPieceTokenizer.FromVocabularyFile(TestEnvironment.FixturePath("tokenizers", "bert", "vocab.txt"));

    private static readonly ByteLevelBpeTokenizer Roberta = ByteLevelBpeTokenizer.FromFiles(
        TestEnvironment.FixturePath("tokenizers", "roberta", "vocab.json"),
        TestEnvironment.FixturePath("tokenizers", "roberta", "merges.txt"));

    private static readonly IReadOnlyList<(string Name, string Text, int MaxTokens)> Cases = JsonDocument
        .Parse(File.ReadAllText(TestEnvironment.FixturePath("tokenizers", "cases.json")))
        .RootElement.EnumerateArray()
        .Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("text").GetString()!, c.GetProperty("maxTokens").GetInt32()))
        .ToList();

    public static TheoryData<string> CaseNames => [.. Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Bert_wordpiece_equals_hugging_face(string name) => AssertReference(Bert, "bert", name);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Roberta_byte_level_bpe_equals_hugging_face(string name) => AssertReference(Roberta, "roberta", name);

    [Fact]
    public void A_100_kilobyte_text_without_spaces_is_cut_quickly_to_the_limit()
    {
        var text = string.Concat(Enumerable.Repeat("bitcoin$", 12_800));
        Assert.Equal(128, Bert.Encode(text, 128).Length);
        Assert.Equal(128, Roberta.Encode(text, 128).Length);
    }

    [Fact]
    public void Pad_ids_are_the_vocabularies_own()
    {
        Assert.Equal(0, Bert.PadId);
        Assert.Equal(1, Roberta.PadId);
    }

    [Fact]
    public void A_merge_of_symbols_not_in_the_vocabulary_is_refused()
    {
        var folder = Directory.CreateTempSubdirectory("merges-");
        try
        {
            var merges = Path.Combine(folder.FullName, "merges.txt");
            File.WriteAllLines(merges, ["#version: 0.2", "Ġ t", "qz x"]);
            var error = Assert.Throws<InvalidDataException>(() => ByteLevelBpeTokenizer.FromFiles(
                TestEnvironment.FixturePath("tokenizers", "roberta", "vocab.json"), merges));
            Assert.Contains(merges, error.Message);
            Assert.Contains("qz", error.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void AssertReference(ITokenizer tokenizer, string kind, string name)
    {
        var (_, text, maxTokens) = Cases.Single(c => c.Name == name);
        var expected = JsonDocument.Parse(File.ReadAllText(TestEnvironment.FixturePath("tokenizers", $"{kind}.expected.json")))
            .RootElement.GetProperty("expected").EnumerateArray()
            .Single(e => e.GetProperty("name").GetString() == name)
            .GetProperty("ids").EnumerateArray().Select(i => i.GetInt64()).ToArray();
        Assert.Equal(expected, tokenizer.Encode(text, maxTokens));
    }
}
