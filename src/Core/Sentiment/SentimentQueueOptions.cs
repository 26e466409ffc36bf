using System.ComponentModel.DataAnnotations;

namespace CryptoFunctions.Core.Sentiment;

public sealed class SentimentQueueOptions
{
    public const string SectionName = "SentimentQueue";

    /// <summary>The queue the Functions trigger listens on; a different QueueName is for tests and side deployments.</summary>
    public const string DefaultQueueName = "sentiment-requests";

    /// <summary>Storage connection string; when unset, <c>AzureWebJobsStorage</c> is used, as the Functions host does.</summary>
    public string? ConnectionString { get; set; }

    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "QueueName must be a valid storage queue name.")]
    public string QueueName { get; set; } = DefaultQueueName;

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 32;
}
