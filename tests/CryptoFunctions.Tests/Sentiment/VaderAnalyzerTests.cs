using System.Text.Json;
using CryptoFunctions.Core.Sentiment.Vader;
using CryptoFunctions.Tests.Infrastructure;
using Xunit;

namespace CryptoFunctions.Tests.Sentiment;

public sealed class VaderAnalyzerTests
{
    private static readonly VaderAnalyzer Published = new(VaderLexicon.Published);
    private static readonly VaderAnalyzer Crypto = new(VaderLexicon.WithCrypto);

    public static TheoryData<int> ReferenceCases
    {
        get
        {
            var data = new TheoryData<int>();
            for (var i = 0; i < Reference.Count; i++)
            {
                data.Add(i);
            }
            return data;
        }
    }

    /// <summary>Scores from the JavaScript port (scripts/vader-reference.js over Fixtures/sentiment/headlines.txt).</summary>
    private static IReadOnlyList<ReferenceScore> Reference { get; } = JsonDocument
        .Parse(File.ReadAllText(TestEnvironment.FixturePath("sentiment", "vader-reference.json")))
        .RootElement.GetProperty("reference")
        .EnumerateArray()
        .Select(e => new ReferenceScore(e.GetProperty("text").GetString()!, e.GetProperty("compound").GetDouble(),
            e.GetProperty("neg").GetDouble(), e.GetProperty("neu").GetDouble(), e.GetProperty("pos").GetDouble()))
        .ToList();

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Matches_the_reference_port_without_the_crypto_extension(int index)
    {
        var expected = Reference[index];

        var scores = Published.Score(expected.Text);

        Assert.True(Math.Abs(expected.Compound - scores.Compound) <= 1e-4, $"'{expected.Text}': compound {scores.Compound:0.######}, reference {expected.Compound}");
        Assert.True(Math.Abs(expected.Negative - scores.Negative) <= 1e-3, $"'{expected.Text}': neg {scores.Negative:0.####}, reference {expected.Negative}");
        Assert.True(Math.Abs(expected.Neutral - scores.Neutral) <= 1e-3, $"'{expected.Text}': neu {scores.Neutral:0.####}, reference {expected.Neutral}");
        Assert.True(Math.Abs(expected.Positive - scores.Positive) <= 1e-3, $"'{expected.Text}': pos {scores.Positive:0.####}, reference {expected.Positive}");
    }

    [Fact]
    public void Reference_corpus_exercises_every_sign()
    {
        Assert.True(Reference.Count >= 100);
        Assert.Contains(Reference, r => r.Compound > 0.5);
        Assert.Contains(Reference, r => r.Compound < -0.5);
        Assert.Contains(Reference, r => r.Compound == 0);
    }

    [Theory]
    [InlineData("Analysts turn bullish on ether", 0.05)]
    [InlineData("Traders turn bearish as BTC slides", -0.05)]
    [InlineData("Investors got rekt in the rug pull", -0.05)]
    [InlineData("Bitcoin hits an all-time high", 0.05)]
    [InlineData("Memecoin goes to the moon", 0.05)]
    [InlineData("Over $200M liquidated as ether plunges", -0.05)]
    public void Crypto_terms_carry_their_sign(string headline, double beyond)
    {
        Assert.Equal(0, Published.Score(headline).Compound, 0.35);
        var compound = Crypto.Score(CryptoTerms.JoinPhrases(headline)).Compound;
        Assert.True(beyond > 0 ? compound > beyond : compound < beyond, $"{headline}: {compound}");
    }

    [Theory]
    [InlineData("rug pull", "rugpull")]
    [InlineData("Rug-pulled!", "rugpull!")]
    [InlineData("new all time highs", "new alltimehigh")]
    [InlineData("All-Time High", "alltimehigh")]
    [InlineData("to the moon", "tothemoon")]
    [InlineData("a bull market and a bear market", "a bullmarket and a bearmarket")]
    [InlineData("drug pull", "drug pull")]
    public void Phrases_become_single_tokens(string text, string expected) => Assert.Equal(expected, CryptoTerms.JoinPhrases(text));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a b c")]
    public void Text_without_words_is_neutral(string text) => Assert.Equal(default, Published.Score(text));

    private sealed record ReferenceScore(string Text, double Compound, double Negative, double Neutral, double Positive);
}
