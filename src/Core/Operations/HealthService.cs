using CryptoFunctions.Core.News;
using CryptoFunctions.Core.Sentiment;
using Npgsql;

namespace CryptoFunctions.Core.Operations;

/// <summary>Is the database reachable, is the queue reachable, and when did each source last succeed.</summary>
public sealed class HealthService(NewsRepository news, SentimentRequestPublisher publisher, TimeProvider time)
{
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<SourceHealth> sources = [];
        ComponentHealth database;
        try
        {
            sources = await news.GetSourceHealthAsync(cancellationToken);
            database = new ComponentHealth(true, null);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            database = new ComponentHealth(false, e.Message);
        }

        ComponentHealth queue;
        int? poison = null;
        try
        {
            await publisher.ProbeAsync(cancellationToken);
            queue = new ComponentHealth(true, null);
            poison = await publisher.PoisonCountAsync(cancellationToken);
        }
        catch (Exception e) when (SentimentRequestPublisher.IsStorageFailure(e))
        {
            queue = new ComponentHealth(false, e.Message.Split('\n')[0].Trim());
        }
        return new HealthReport(database, queue, poison, sources, now);
    }
}
