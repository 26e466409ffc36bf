using CryptoFunctions.Core.Sentiment.Vader;
using Microsoft.Extensions.Options;

namespace CryptoFunctions.Core.Sentiment;

/// <summary>
/// The default model, needing no model files: VADER's compound is the score; the label follows VADER's
/// customary ±0.05 cut-offs; confidence is |compound| for a positive or negative label and 1 − |compound|
/// for neutral; the probabilities are VADER's negative / neutral / positive shares of the text.
/// </summary>
public sealed class VaderSentimentModel : ISentimentModel
{
    public const string ModelName = "vader";
    private const double NeutralBand = 0.05;

    private readonly VaderAnalyzer _analyzer;
    private readonly bool _crypto;

    public VaderSentimentModel(IOptions<SentimentOptions> options)
    {
        _crypto = options.Value.VaderCryptoLexicon;
        _analyzer = new VaderAnalyzer(_crypto ? VaderLexicon.WithCrypto : VaderLexicon.Published);
    }

    public string Name => ModelName;

    // The reference port's release, plus the crypto terms' revision: bump it whenever CryptoTerms changes.
    public string Version => _crypto ? "1.1.3+crypto.1" : "1.1.3";

    public bool IsTransformer => false;

    public IReadOnlyList<SentimentResult> Score(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var results = new SentimentResult[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var scores = _analyzer.Score(_crypto ? CryptoTerms.JoinPhrases(texts[i]) : texts[i]);
            var label = scores.Compound >= NeutralBand ? "positive" : scores.Compound <= -NeutralBand ? "negative" : "neutral";
            var confidence = label == "neutral" ? 1 - Math.Abs(scores.Compound) : Math.Abs(scores.Compound);
            results[i] = new SentimentResult(label, scores.Compound, confidence, new Dictionary<string, double>
            {
                ["negative"] = scores.Negative,
                ["neutral"] = scores.Neutral,
                ["positive"] = scores.Positive,
            });
        }
        return results;
    }
}
