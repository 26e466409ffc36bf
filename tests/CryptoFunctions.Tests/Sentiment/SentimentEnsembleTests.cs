using System.ComponentModel.DataAnnotations;
using CryptoFunctions.Core.Sentiment;
using Microsoft.Extensions.Options;
using Xunit;

namespace CryptoFunctions.Tests.Sentiment;

public sealed class SentimentEnsembleTests
{
    private static SentimentEnsemble Ensemble(SentimentOptions? options = null) => new(Options.Create(options ?? new SentimentOptions()));

    [Theory]
    [InlineData(-0.9, "very negative")]
    [InlineData(-0.6, "very negative")]
    [InlineData(-0.3, "negative")]
    [InlineData(-0.05, "negative")]
    [InlineData(0.0, "neutral")]
    [InlineData(0.049, "neutral")]
    [InlineData(0.05, "positive")]
    [InlineData(0.59, "positive")]
    [InlineData(0.6, "very positive")]
    public void Scores_fall_into_the_five_classes(double score, string label) => Assert.Equal(label, Ensemble().Classify(score));

    [Fact]
    public void Weighted_mean_of_models_with_the_transformers_apart()
    {
        var ensemble = Ensemble(new SentimentOptions { Weights = new(StringComparer.OrdinalIgnoreCase) { ["finbert"] = 3 } });

        var result = ensemble.Combine([new ModelScore("vader", false, 0.8, 0.8), new ModelScore("finbert", true, -0.4, 0.9)])!;

        Assert.Equal((0.8 - (3 * 0.4)) / 4, result.Score, 12);
        Assert.Equal((0.8 + (3 * 0.9)) / 4, result.Confidence, 12);
        Assert.Equal(-0.4, result.TransformerScore!.Value, 12);
        Assert.Equal(0.9, result.TransformerConfidence!.Value, 12);
        Assert.Equal("negative", result.Label);
        Assert.Equal("bearish", result.MarketType);
    }

    [Fact]
    public void Lexicon_only_has_no_transformer_score()
    {
        var result = Ensemble().Combine([new ModelScore("vader", false, 0.7, 0.7)])!;

        Assert.Null(result.TransformerScore);
        Assert.Equal("very positive", result.Label);
        Assert.Equal("bullish", result.MarketType);
    }

    [Fact]
    public void Nothing_scored_gives_no_ensemble() => Assert.Null(Ensemble().Combine([]));

    [Fact]
    public void Thresholds_that_do_not_rise_are_refused()
    {
        var options = new SentimentOptions { NegativeBelow = 0.1, PositiveAbove = 0.05 };

        var errors = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true));
        Assert.Contains(errors, e => e.ErrorMessage!.Contains("thresholds must rise", StringComparison.Ordinal));
    }
}
