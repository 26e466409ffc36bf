namespace CryptoFunctions.Core.Sentiment.Vader;

/// <summary>VADER's output: the proportions of negative, neutral and positive valence, and the normalised compound in [-1, 1].</summary>
public readonly record struct VaderScores(double Negative, double Neutral, double Positive, double Compound);
