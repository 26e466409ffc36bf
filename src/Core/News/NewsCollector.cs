using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoFunctions.Core.News;

/// <summary>
/// One collection over a set of sources: fetch and parse them concurrently (a failing source only
/// records its error), store all articles in one batch, then record every source's outcome.
/// </summary>
public sealed class NewsCollector(
    FeedFetcher fetcher,
    ArticleNormalizer normalizer,
    NewsRepository repository,
    TimeProvider time,
    IOptions<NewsOptions> options,
    ILogger<NewsCollector> logger)
{
    public async Task<CollectionReport> CollectAsync(IReadOnlyList<NewsSource> sources, CancellationToken cancellationToken)
    {
        var collectedAt = time.GetUtcNow();
        var states = await repository.LoadStatesAsync(cancellationToken);
        var results = new ConcurrentDictionary<string, SourceResult>(StringComparer.Ordinal);

        await Parallel.ForEachAsync(
            sources,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentFetches, CancellationToken = cancellationToken },
            async (source, ct) =>
            {
                results[source.Id] = await ReadSourceAsync(source, states.GetValueOrDefault(source.Id), collectedAt, ct);
            });

        // One canonical URL is one article even when two sources (or one feed twice) carry it in this batch.
        var batch = sources
            .SelectMany(s => results[s.Id].Articles)
            .DistinctBy(a => a.CanonicalUrl, StringComparer.Ordinal)
            .ToList();
        var stored = await repository.StoreAsync(batch, cancellationToken);

        var fresh = stored.Where(a => a.DuplicateOf is null).ToList();
        var newBySource = fresh.GroupBy(a => a.SourceId).ToDictionary(g => g.Key, g => g.Count());
        var outcomes = sources.Select(source =>
        {
            var r = results[source.Id];
            var isNew = newBySource.GetValueOrDefault(source.Id);
            return (Source: source, Outcome: new SourceOutcome(
                source.Id, source.Name, r.Articles.Count, isNew, r.Articles.Count - isNew, r.Rejected, r.Fetch is { Body: null }, r.Error), r.Fetch);
        }).ToList();
        await repository.RecordOutcomesAsync(outcomes, collectedAt, cancellationToken);

        var report = new CollectionReport(
            outcomes.Select(o => o.Outcome).ToList(),
            fresh.Select(a => a.Id).Order().ToList());
        logger.LogInformation(
            "Collected news from {Sources} sources: {Fetched} fetched, {New} new, {Duplicate} duplicate, {Failed} sources failed",
            sources.Count, report.Fetched, report.New, report.Duplicate, report.FailedSources);
        return report;
    }

    private async Task<SourceResult> ReadSourceAsync(NewsSource source, SourceState? state, DateTimeOffset collectedAt, CancellationToken cancellationToken)
    {
        try
        {
            var fetch = await fetcher.FetchAsync(source, state, cancellationToken);
            if (fetch.Body is null)
            {
                return new SourceResult(fetch, [], 0, null);
            }
            var items = FeedParser.Parse(fetch.Body, source.FeedUrl);
            var articles = new List<Article>(items.Count);
            var rejected = 0;
            foreach (var item in items)
            {
                var article = normalizer.Normalize(item, source.Id, collectedAt, out _);
                if (article is null)
                {
                    rejected++;
                }
                else
                {
                    articles.Add(article);
                }
            }
            return new SourceResult(fetch, articles, rejected, null);
        }
        catch (Exception e) when (e is FeedFetchException or FeedFormatException)
        {
            logger.LogWarning("News source {Source} failed: {Reason}", source.Id, e.Message);
            // No fetch is returned: validators of a body we could not use must not be kept, or the next run would get a 304 for it.
            return new SourceResult(null, [], 0, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever else one source throws is that source's failure, never the whole collection's.
            logger.LogError(e, "News source {Source} failed unexpectedly", source.Id);
            return new SourceResult(null, [], 0, $"unexpected {e.GetType().Name}: {e.Message}");
        }
    }

    private sealed record SourceResult(FeedFetch? Fetch, List<Article> Articles, int Rejected, string? Error);
}
