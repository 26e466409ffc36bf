namespace CryptoFunctions.Core.Sentiment;

/// <summary>A sentiment model: texts in, one result per text out, in the same order.</summary>
public interface ISentimentModel
{
    string Name { get; }

    /// <summary>Changes whenever the model's scores could change, so that articles are scored again.</summary>
    string Version { get; }

    /// <summary>Whether the model is a transformer (part of the ML ensemble) rather than a lexicon.</summary>
    bool IsTransformer { get; }

    IReadOnlyList<SentimentResult> Score(IReadOnlyList<string> texts, CancellationToken cancellationToken);
}

/// <summary>
/// One model's verdict on one text: its label, a score in [-1, 1] (negative to positive), a confidence in
/// [0, 1], and the probability (or share) of each label.
/// </summary>
public sealed record SentimentResult(string Label, double Score, double Confidence, IReadOnlyDictionary<string, double> Probabilities);
