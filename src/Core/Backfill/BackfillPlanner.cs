using System.Globalization;
using CryptoFunctions.Core.News;
using CryptoFunctions.Core.Sentiment;
using CryptoFunctions.Core.Universe;
using Microsoft.Extensions.Options;

namespace CryptoFunctions.Core.Backfill;

/// <summary>
/// Splits a request into chunks, a page at a time. Prices, news and features are planned from the request
/// alone (the cursor is an offset), so every page is the same whoever asks; sentiment is planned from the
/// articles still unscored in the range (the cursor is the last article id), after news has run.
/// </summary>
public sealed class BackfillPlanner(
    CoinUniverse universe,
    NewsSourceCatalog catalog,
    SentimentScorer scorer,
    SentimentRepository sentiment,
    IOptions<BackfillOptions> options)
{
    public async Task<BackfillPage> PlanAsync(BackfillRequest request, BackfillKind kind, string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        if (kind == BackfillKind.Sentiment)
        {
            return await PlanSentimentAsync(request, cursor, pageSize, cancellationToken);
        }
        var all = kind switch
        {
            BackfillKind.Prices => PriceChunks(request),
            BackfillKind.News => NewsChunks(request),
            _ => FeatureChunks(request),
        };
        var offset = cursor is null ? 0 : int.Parse(cursor, CultureInfo.InvariantCulture);
        var page = all.Skip(offset).Take(pageSize).ToList();
        var next = offset + page.Count;
        return new BackfillPage(page, all.Count - offset, next < all.Count ? next.ToString(CultureInfo.InvariantCulture) : null);
    }

    private List<BackfillChunk> PriceChunks(BackfillRequest request)
    {
        var days = options.Value.PriceChunkDays;
        var paired = universe.Coins.Where(c => c.Pair is not null && request.Symbols.Contains(c.Symbol, StringComparer.Ordinal));
        return [.. paired.SelectMany(coin => Days(request, days).Select(d =>
            new BackfillChunk(BackfillKind.Prices, $"prices:{coin.Symbol}:{d.From:yyyy-MM-dd}", d.From, d.To, Symbols: [coin.Symbol])))];
    }

    private List<BackfillChunk> NewsChunks(BackfillRequest request) =>
        [.. catalog.Load().Where(s => s.WordPress && s.Site is not null).SelectMany(source => Days(request, 1).Select(d =>
            new BackfillChunk(BackfillKind.News, $"news:{source.Id}:{d.From:yyyy-MM-dd}", d.From, d.To, SourceId: source.Id)))];

    private List<BackfillChunk> FeatureChunks(BackfillRequest request) =>
        [.. request.Symbols.Chunk(options.Value.FeatureSymbolsPerChunk).Select(group =>
            new BackfillChunk(BackfillKind.Features, $"features:{group[0]}-{group[^1]}", request.Start, request.End, Symbols: group))];

    private async Task<BackfillPage> PlanSentimentAsync(BackfillRequest request, string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        var afterId = cursor is null ? 0 : long.Parse(cursor, CultureInfo.InvariantCulture);
        var size = options.Value.SentimentChunkSize;
        var remaining = await sentiment.CountUnscoredAsync(scorer.Models, request.Start, cancellationToken, request.End);
        var ids = await sentiment.UnscoredAsync(scorer.Models, afterId, request.Start, pageSize * size, cancellationToken, request.End);
        var chunks = ids.Chunk(size).Select(batch =>
            new BackfillChunk(BackfillKind.Sentiment, $"sentiment:{batch[0]}-{batch[^1]}", request.Start, request.End, ArticleIds: batch)).ToList();
        var total = (remaining + size - 1) / size;
        return new BackfillPage(chunks, total, ids.Count == pageSize * size ? ids[^1].ToString(CultureInfo.InvariantCulture) : null);
    }

    private static IEnumerable<(DateTimeOffset From, DateTimeOffset To)> Days(BackfillRequest request, int step)
    {
        for (var day = request.From; day < request.To; day = day.AddDays(step))
        {
            var end = day.AddDays(step) < request.To ? day.AddDays(step) : request.To;
            yield return (new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(end.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        }
    }
}
