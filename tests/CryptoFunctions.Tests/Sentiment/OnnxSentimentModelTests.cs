using CryptoFunctions.Core.Sentiment;
using CryptoFunctions.Core.Sentiment.Onnx;
using CryptoFunctions.Tests.Infrastructure;
using Xunit;

namespace CryptoFunctions.Tests.Sentiment;

/// <summary>The generated FinBERT- and CryptoBERT-shaped models run by ONNX Runtime through the project's scorer.</summary>
public sealed class OnnxSentimentModelTests
{
    public static TheoryData<string> Packages => ["finbert", "cryptobert"];

    [Fact]
    public void Labels_come_from_config_json_in_output_order_with_the_manifest_signs()
    {
        var finbert = ModelPackage.Load(TestModelPackages.FinBert);
        var cryptobert = ModelPackage.Load(TestModelPackages.CryptoBert);

        Assert.Equal(["positive", "negative", "neutral"], finbert.Labels);
        Assert.Equal([1.0, -1.0, 0.0], finbert.ScoreSigns);
        Assert.Equal(["Bearish", "Neutral", "Bullish"], cryptobert.Labels);
        Assert.Equal([-1.0, 0.0, 1.0], cryptobert.ScoreSigns);
        Assert.Equal(128, cryptobert.Manifest.MaxTokens);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Each_verdict_is_the_softmax_of_the_logits(string name)
    {
        using var model = Load(name, new SentimentOptions());

        var results = model.Score(TestModelPackages.Headlines.Take(40).ToList(), CancellationToken.None);

        Assert.Equal(40, results.Count);
        foreach (var result in results)
        {
            Assert.Equal(1.0, result.Probabilities.Values.Sum(), 6);
            var best = result.Probabilities.MaxBy(p => p.Value);
            Assert.Equal(best.Key, result.Label);
            Assert.Equal(best.Value, result.Confidence, 12);
            var expected = name == "finbert"
                ? result.Probabilities["positive"] - result.Probabilities["negative"]
                : result.Probabilities["Bullish"] - result.Probabilities["Bearish"];
            Assert.Equal(expected, result.Score, 12);
        }
        // Random weights, but not a constant: different headlines get different verdicts.
        Assert.True(results.Select(r => Math.Round(r.Score, 4)).Distinct().Count() > 30);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Padding_batching_and_sorting_do_not_change_a_verdict(string name)
    {
        var texts = TestModelPackages.Headlines.Take(50).ToList();
        using var sortedBatches = Load(name, new SentimentOptions { InferenceBatchSize = 32, SortByLength = true });
        using var unsortedBatches = Load(name, new SentimentOptions { InferenceBatchSize = 8, SortByLength = false });
        using var oneByOne = Load(name, new SentimentOptions { InferenceBatchSize = 1 });

        var reference = oneByOne.Score(texts, CancellationToken.None);
        foreach (var results in new[] { sortedBatches.Score(texts, CancellationToken.None), unsortedBatches.Score(texts, CancellationToken.None) })
        {
            for (var i = 0; i < texts.Count; i++)
            {
                Assert.Equal(reference[i].Score, results[i].Score, 4);
                Assert.Equal(reference[i].Label, results[i].Label);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Empty_whitespace_and_100_KB_texts_are_scored_in_one_batch(string name)
    {
        using var model = Load(name, new SentimentOptions());
        var huge = string.Concat(Enumerable.Repeat("Bitcoin rally lifts the market. ", 3200));

        var results = model.Score(["", "   \n\t ", huge, "Bitcoin falls"], CancellationToken.None);

        Assert.Equal(4, results.Count);
        Assert.All(results, r => Assert.InRange(r.Score, -1, 1));
        // Truncated at maxTokens, so the huge text is the same as its first maxTokens tokens.
        var prefix = model.Score([string.Concat(Enumerable.Repeat("Bitcoin rally lifts the market. ", 200))], CancellationToken.None);
        Assert.Equal(prefix[0].Score, results[2].Score, 4);
    }

    private static OnnxSentimentModel Load(string name, SentimentOptions options) =>
        new(ModelPackage.Load(Path.Combine(TestModelPackages.Folder, name)), options);
}
