using CryptoFunctions.Core.Features;
using CryptoFunctions.Core.News;
using CryptoFunctions.Core.Prices;
using CryptoFunctions.Core.Sentiment;
using CryptoFunctions.Core.Universe;
using Microsoft.Extensions.Options;

namespace CryptoFunctions.Core.Backfill;

/// <summary>
/// Runs one chunk with the same Core services the 5-minute functions use; every write is an idempotent
/// upsert, so a retried or repeated chunk neither duplicates nor loses a row. A chunk that cannot complete
/// throws <see cref="BackfillChunkException"/> (retried by the caller); what is merely unavailable (a pair the
/// exchange does not list) completes with a note.
/// </summary>
public sealed class BackfillRunner(
    CoinUniverse universe,
    PriceCollector prices,
    NewsSourceCatalog catalog,
    WordPressClient wordPress,
    ArticleNormalizer normalizer,
    NewsRepository news,
    SentimentScorer scorer,
    FeatureMaterializer features,
    IOptions<BackfillOptions> options,
    TimeProvider time)
{
    public async Task<ChunkResult> RunAsync(BackfillChunk chunk, CancellationToken cancellationToken)
    {
        switch (chunk.Kind)
        {
            case BackfillKind.Prices:
                {
                    var coins = universe.Coins.Where(c => chunk.Symbols!.Contains(c.Symbol, StringComparer.Ordinal)).ToList();
                    // Bars closing in (From, To]: the bar closing at From belongs to the chunk before.
                    var report = await prices.CollectHistoryAsync(coins, chunk.From + PriceGrid.Step, chunk.To, progress: null, cancellationToken);
                    if (report.Failures.Count > 0)
                    {
                        throw new BackfillChunkException($"{chunk.Key}: {string.Join("; ", report.Failures.Select(f => f.Message))}");
                    }
                    return new ChunkResult(chunk.Key, report.BarsStored, Note(report.UnknownSymbols.Select(u => $"{u.Scope} {u.Message}")));
                }
            case BackfillKind.News:
                {
                    var source = catalog.Load().SingleOrDefault(s => s.Id == chunk.SourceId)
                        ?? throw new BackfillChunkException($"{chunk.Key}: source '{chunk.SourceId}' is not in the catalog");
                    IReadOnlyList<FeedItem> items;
                    try
                    {
                        items = await wordPress.GetPostsAsync(new Uri(source.Site!), chunk.From, chunk.To, options.Value.WordPressPageSize, cancellationToken);
                    }
                    catch (Exception e) when (e is FeedFetchException or FeedFormatException or HttpRequestException or TimeoutException
                        || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                    {
                        throw new BackfillChunkException($"{chunk.Key}: {e.Message}", e);
                    }
                    var now = time.GetUtcNow();
                    var articles = items.Select(i => normalizer.Normalize(i, source.Id, now, out _)).OfType<Article>().ToList();
                    var stored = await news.StoreAsync(articles, cancellationToken);
                    return new ChunkResult(chunk.Key, stored.Count, articles.Count < items.Count ? $"{items.Count - articles.Count} posts without a usable link or title" : null);
                }
            case BackfillKind.Sentiment:
                {
                    var report = await scorer.ScoreAsync(chunk.ArticleIds!, modelName: null, cancellationToken);
                    return new ChunkResult(chunk.Key, report.Scored);
                }
            default:
                {
                    try
                    {
                        var report = await features.MaterializeRangeAsync(chunk.From, chunk.To, chunk.Symbols, replace: false, progress: null, cancellationToken);
                        return new ChunkResult(chunk.Key, report.RowsWritten);
                    }
                    catch (InvalidOperationException e)
                    {
                        // Another materialisation (the 5-minute timer) holds the table's run lock: try again later.
                        throw new BackfillChunkException($"{chunk.Key}: {e.Message}", e);
                    }
                }
        }
    }

    private static string? Note(IEnumerable<string> notes)
    {
        var list = notes.ToList();
        return list.Count == 0 ? null : string.Join("; ", list);
    }
}

/// <summary>A chunk that could not complete; retrying it may succeed.</summary>
public sealed class BackfillChunkException(string message, Exception? inner = null) : Exception(message, inner);
