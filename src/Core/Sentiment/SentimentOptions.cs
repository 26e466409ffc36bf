using System.ComponentModel.DataAnnotations;

namespace CryptoFunctions.Core.Sentiment;

public sealed class SentimentOptions : IValidatableObject
{
    public const string SectionName = "Sentiment";

    /// <summary>Folder of model packages (one sub-folder per model).</summary>
    [Required]
    public string ModelsPath { get; set; } = "models";

    /// <summary>Whether VADER also knows the crypto market's words (bullish, rekt, rug pull, ...).</summary>
    public bool VaderCryptoLexicon { get; set; } = true;

    /// <summary>Weight of each model in the ensemble by model name; a model not listed weighs 1.</summary>
    public Dictionary<string, double> Weights { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Ensemble scores at or below this are "very negative".</summary>
    [Range(-1.0, 1.0)]
    public double VeryNegativeBelow { get; set; } = -0.6;

    /// <summary>Ensemble scores at or below this are "negative" (and bearish).</summary>
    [Range(-1.0, 1.0)]
    public double NegativeBelow { get; set; } = -0.05;

    /// <summary>Ensemble scores at or above this are "positive" (and bullish).</summary>
    [Range(-1.0, 1.0)]
    public double PositiveAbove { get; set; } = 0.05;

    /// <summary>Ensemble scores at or above this are "very positive".</summary>
    [Range(-1.0, 1.0)]
    public double VeryPositiveAbove { get; set; } = 0.6;

    /// <summary>Articles read and scored together.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 256;

    /// <summary>Texts run through a transformer at once; each batch is padded to its longest text.</summary>
    /// <remarks>8 is the fastest on a 2-core machine (docs/benchmarks.md): larger batches leave the CPU cache.</remarks>
    [Range(1, 1024)]
    public int InferenceBatchSize { get; set; } = 8;

    /// <summary>Whether texts are sorted by token count before batching, so that batches carry little padding.</summary>
    public bool SortByLength { get; set; } = true;

    /// <summary>ONNX Runtime's threads within one operator; 0 lets it use one per physical core.</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!(VeryNegativeBelow < NegativeBelow && NegativeBelow < PositiveAbove && PositiveAbove < VeryPositiveAbove))
        {
            yield return new ValidationResult(
                "Sentiment thresholds must rise: VeryNegativeBelow < NegativeBelow < PositiveAbove < VeryPositiveAbove.",
                [nameof(VeryNegativeBelow), nameof(NegativeBelow), nameof(PositiveAbove), nameof(VeryPositiveAbove)]);
        }
        foreach (var (model, weight) in Weights)
        {
            if (weight is < 0 or > 100 || double.IsNaN(weight))
            {
                yield return new ValidationResult($"Sentiment weight of '{model}' must be between 0 and 100.", [nameof(Weights)]);
            }
        }
    }
}
