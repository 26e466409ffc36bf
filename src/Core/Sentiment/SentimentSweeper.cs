using Microsoft.Extensions.Logging;

namespace CryptoFunctions.Core.Sentiment;

/// <summary>
/// Puts back on the queue the unique articles some active model version has not scored, so that an
/// outage, a lost message or a new model version heals by itself.
/// </summary>
public sealed class SentimentSweeper(
    SentimentScorer scorer,
    SentimentRepository repository,
    SentimentRequestPublisher publisher,
    ILogger<SentimentSweeper> logger)
{
    /// <summary>At most this many articles are re-queued by one sweep; the next sweep takes the rest.</summary>
    public const int MaxArticlesPerSweep = 10_000;

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var unscored = await repository.UnscoredAsync(scorer.Models, afterId: 0, since: null, MaxArticlesPerSweep, cancellationToken);
        await publisher.PublishAsync(unscored, cancellationToken);
        if (unscored.Count > 0)
        {
            logger.LogInformation("Re-queued {Count} unscored articles", unscored.Count);
        }
        return unscored.Count;
    }
}
