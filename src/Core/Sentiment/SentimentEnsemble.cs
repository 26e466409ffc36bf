using Microsoft.Extensions.Options;

namespace CryptoFunctions.Core.Sentiment;

/// <summary>One article's models combined: a weighted mean of their scores and confidences.</summary>
public sealed record EnsembleResult(
    double Score,
    string Label,
    double Confidence,
    string MarketType,
    double? TransformerScore,
    double? TransformerConfidence);

public sealed class SentimentEnsemble(IOptions<SentimentOptions> options)
{
    public const string VeryNegative = "very negative";
    public const string Negative = "negative";
    public const string Neutral = "neutral";
    public const string Positive = "positive";
    public const string VeryPositive = "very positive";

    public static IReadOnlyList<string> Classes { get; } = [VeryNegative, Negative, Neutral, Positive, VeryPositive];

    /// <summary>Null when no model has scored the article.</summary>
    public EnsembleResult? Combine(IReadOnlyCollection<ModelScore> scores)
    {
        if (scores.Count == 0)
        {
            return null;
        }
        var (score, confidence) = WeightedMean(scores);
        var transformers = scores.Where(s => s.IsTransformer).ToList();
        var (transformerScore, transformerConfidence) = transformers.Count == 0 ? (null, null) : ((double?, double?))WeightedMean(transformers);
        var settings = options.Value;
        var marketType = score >= settings.PositiveAbove ? "bullish" : score <= settings.NegativeBelow ? "bearish" : "neutral";
        return new EnsembleResult(score, Classify(score), confidence, marketType, transformerScore, transformerConfidence);
    }

    public string Classify(double score)
    {
        var s = options.Value;
        return score <= s.VeryNegativeBelow ? VeryNegative
            : score <= s.NegativeBelow ? Negative
            : score >= s.VeryPositiveAbove ? VeryPositive
            : score >= s.PositiveAbove ? Positive
            : Neutral;
    }

    private (double Score, double Confidence) WeightedMean(IReadOnlyCollection<ModelScore> scores)
    {
        var weights = options.Value.Weights;
        double total = 0, score = 0, confidence = 0;
        foreach (var s in scores)
        {
            var weight = weights.TryGetValue(s.Model, out var w) ? w : 1;
            total += weight;
            score += weight * s.Score;
            confidence += weight * s.Confidence;
        }
        // Every model weighted 0 leaves nothing to average: fall back to equal weights.
        return total > 0 ? (score / total, confidence / total) : (scores.Average(s => s.Score), scores.Average(s => s.Confidence));
    }
}

/// <summary>A stored result of one model version for one article.</summary>
public sealed record ModelScore(string Model, bool IsTransformer, double Score, double Confidence);
