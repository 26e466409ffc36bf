using CryptoFunctions.Core.Sentiment;

namespace CryptoFunctions.Core.News;

/// <summary>The scheduled news step: collect every catalog source, then ask for the new articles to be scored.</summary>
public sealed class NewsCycle(NewsSourceCatalog catalog, NewsCollector collector, SentimentRequestPublisher publisher)
{
    public async Task<CollectionReport> RunAsync(CancellationToken cancellationToken)
    {
        var report = await collector.CollectAsync(catalog.Load(), cancellationToken);
        await publisher.PublishAsync(report.NewArticleIds, cancellationToken);
        return report;
    }
}
