using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoFunctions.Core.Sentiment;

/// <summary>Puts article ids on the sentiment queue in batches, as the Functions queue trigger reads them (base64).</summary>
public sealed class SentimentRequestPublisher(IOptions<SentimentQueueOptions> options, TimeProvider time, ILogger<SentimentRequestPublisher> logger)
{
    private readonly Lazy<QueueClient> _queue = new(() => CreateClient(options.Value, probe: false));
    private readonly Lazy<QueueClient> _probe = new(() => CreateClient(options.Value, probe: true));
    private readonly Lazy<QueueClient> _poison = new(() => CreateClient(options.Value, probe: true, options.Value.QueueName + "-poison"));
    private volatile bool _created;

    private QueueClient Queue => _queue.Value;

    /// <summary>The ways a storage call fails when the account is unreachable or misconfigured.</summary>
    public static bool IsStorageFailure(Exception e) =>
        e is Azure.RequestFailedException or InvalidOperationException or AggregateException or HttpRequestException;

    /// <summary>Messages that failed too often and were moved to the poison queue by the Functions host.</summary>
    public async Task<int> PoisonCountAsync(CancellationToken cancellationToken)
    {
        var poison = _poison.Value;
        return await poison.ExistsAsync(cancellationToken) ? (await poison.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount : 0;
    }

    /// <summary>Asks the queue for its properties once, without the SDK's retries, so a health check answers quickly.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken) => await _probe.Value.GetPropertiesAsync(cancellationToken);

    public async Task<int> PublishAsync(IReadOnlyList<long> articleIds, CancellationToken cancellationToken)
    {
        if (articleIds.Count == 0)
        {
            return 0;
        }
        await EnsureQueueAsync(cancellationToken);
        var messages = 0;
        foreach (var chunk in articleIds.Chunk(options.Value.BatchSize))
        {
            var request = new SentimentRequest(SentimentRequest.CurrentVersion, chunk, time.GetUtcNow());
            await Queue.SendMessageAsync(request.ToJson(), cancellationToken);
            messages++;
        }
        logger.LogInformation("Enqueued {Articles} articles for scoring in {Messages} messages", articleIds.Count, messages);
        return messages;
    }

    private async Task EnsureQueueAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await Queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _created = true;
        }
    }

    private static QueueClient CreateClient(SentimentQueueOptions settings, bool probe, string? queueName = null)
    {
        if (string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            throw new InvalidOperationException(
                "No storage connection string: set SentimentQueue:ConnectionString or AzureWebJobsStorage.");
        }
        var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        if (probe)
        {
            clientOptions.Retry.MaxRetries = 0;
            clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        }
        return new QueueClient(settings.ConnectionString, queueName ?? settings.QueueName, clientOptions);
    }
}
