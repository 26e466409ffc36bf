using CryptoFunctions.Core.Features;
using CryptoFunctions.Core.News;
using CryptoFunctions.Core.Prices;
using CryptoFunctions.Core.Sentiment;
using Npgsql;

namespace CryptoFunctions.Core.Operations;

/// <summary>Is the database reachable, is the queue reachable, when did each source last succeed, and how current are prices and features.</summary>
public sealed class HealthService(
    NewsRepository news, PriceRepository prices, FeatureRepository features, SentimentRequestPublisher publisher, TimeProvider time)
{
    private static readonly TimeSpan BehindAfter = PriceGrid.Step * 3;

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<SourceHealth> sources = [];
        DataFreshness? data = null;
        ComponentHealth database;
        try
        {
            sources = await news.GetSourceHealthAsync(cancellationToken);
            var extents = await prices.GetExtentsAsync(symbols: null, cancellationToken);
            var featureStatus = await features.GetNewestAsync(cancellationToken);
            data = new DataFreshness(
                extents.Count == 0 ? null : extents.Values.Max(e => e.Last),
                extents.Count,
                extents.Values.Count(e => e.Last < PriceGrid.Floor(now) - BehindAfter),
                featureStatus);
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
        return new HealthReport(database, queue, poison, sources, data, now);
    }
}
