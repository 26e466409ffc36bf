using System.Diagnostics;
using CryptoFunctions.Core.Prices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoFunctions.Core.Features;

/// <summary>
/// Keeps ml_features_materialized up to date. The incremental run computes the rows whose inputs changed since
/// the last run: new and late prices (and the earlier rows whose forward returns they complete), and the windows
/// of newly collected or scored articles. A range run recomputes a span, for backfill or after a definition change.
/// </summary>
public sealed class FeatureMaterializer(
    FeatureRepository repository,
    PriceRepository prices,
    IOptions<FeatureOptions> options,
    ILogger<FeatureMaterializer> logger)
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>The 5-minute run: everything that changed since the previous one (everything, the first time).</summary>
    public async Task<FeatureRunReport> UpdateAsync(IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var runLock = await repository.TryLockRunAsync(cancellationToken);
        if (runLock is null)
        {
            logger.LogWarning("Feature materialisation skipped: another run holds the lock");
            return new FeatureRunReport("incremental", 0, 0, 0, 0, Skipped: true, clock.Elapsed);
        }
        var runStart = await repository.DatabaseNowAsync(cancellationToken);
        var seen = await repository.GetWatermarksAsync(cancellationToken);
        var margin = options.Value.ChangeSafetyMargin;

        var extents = await prices.GetExtentsAsync(symbols: null, cancellationToken);
        var changedPrices = await repository.GetChangedPricesAsync(Before(seen.PricesSeenUntil, margin), cancellationToken);
        var changedArticles = await repository.GetChangedArticlesAsync(Before(seen.ArticlesSeenUntil, margin), cancellationToken);

        var dirty = new Dictionary<string, DirtyRanges>(StringComparer.Ordinal);
        DirtyRanges For(string symbol) => dirty.TryGetValue(symbol, out var d) ? d : dirty[symbol] = new DirtyRanges();
        foreach (var (symbol, (first, last)) in changedPrices)
        {
            if (!extents.TryGetValue(symbol, out var extent))
            {
                continue;
            }
            // A price changes its own row and every later one (returns, windows, indicators), and completes
            // the forward returns of the rows an hour and a day before it.
            var ranges = For(symbol);
            ranges.Add(first, extent.Last);
            ranges.Add(first - Hour, last - Hour);
            ranges.Add(first - Day, last - Day);
        }
        if (changedArticles.Count > 0)
        {
            // Market-wide counts change for every symbol; tagged counts and sentiment for the tagged ones.
            var earliest = changedArticles.Min(a => a.PublishedAt);
            var latest = changedArticles.Max(a => a.PublishedAt);
            foreach (var (symbol, extent) in extents)
            {
                For(symbol).Add(earliest, Instants.Earlier(latest + Day, extent.Last));
            }
        }
        return await MaterializeAsync("incremental", extents, dirty, replace: false, runStart,
            new FeatureWatermarks(runStart, runStart), progress, clock, cancellationToken);
    }

    /// <summary>
    /// Recomputes [<paramref name="from"/>, <paramref name="to"/>] (each bound optional) for <paramref name="symbols"/>
    /// (all when null). With <paramref name="replace"/> the range's rows are deleted and written afresh; otherwise upserted.
    /// </summary>
    public async Task<FeatureRunReport> MaterializeRangeAsync(
        DateTimeOffset? from, DateTimeOffset? to, IReadOnlyList<string>? symbols, bool replace,
        IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var runLock = await repository.TryLockRunAsync(cancellationToken);
        if (runLock is null)
        {
            throw new InvalidOperationException("Another feature materialisation is running; try again when it has finished.");
        }
        var runStart = await repository.DatabaseNowAsync(cancellationToken);
        var extents = await prices.GetExtentsAsync(symbols, cancellationToken);
        var dirty = new Dictionary<string, DirtyRanges>(StringComparer.Ordinal);
        foreach (var (symbol, extent) in extents)
        {
            var ranges = new DirtyRanges();
            ranges.Add(Instants.Later(extent.First, from ?? DateTimeOffset.MinValue), Instants.Earlier(extent.Last, to ?? DateTimeOffset.MaxValue));
            dirty[symbol] = ranges;
        }
        // A run over every symbol and all time has seen every change up to its start.
        var complete = from is null && to is null && symbols is null;
        return await MaterializeAsync(replace ? "rebuild" : "range", extents, dirty, replace, runStart,
            complete ? new FeatureWatermarks(runStart, runStart) : null, progress, clock, cancellationToken,
            replaceFrom: from, replaceTo: to);
    }

    private async Task<FeatureRunReport> MaterializeAsync(
        string mode,
        IReadOnlyDictionary<string, (DateTimeOffset First, DateTimeOffset Last)> extents,
        Dictionary<string, DirtyRanges> dirty,
        bool replace,
        DateTimeOffset computedAt,
        FeatureWatermarks? watermarks,
        IProgress<(int Done, int Total)>? progress,
        Stopwatch clock,
        CancellationToken cancellationToken,
        DateTimeOffset? replaceFrom = null,
        DateTimeOffset? replaceTo = null)
    {
        var work = dirty.Where(d => !d.Value.IsEmpty && extents.ContainsKey(d.Key))
            .Select(d => new SymbolWork(d.Value, SeriesRequest.For(d.Key, extents[d.Key].First, extents[d.Key].Last, d.Value)))
            .OrderBy(w => w.Request.Symbol, StringComparer.Ordinal)
            .ToList();
        long computed = 0, written = 0;
        int articles = 0, done = 0;
        progress?.Report((0, work.Count));
        if (work.Count > 0)
        {
            var news = await repository.LoadNewsAsync(work.Min(w => w.Dirty.Earliest) - Day, work.Max(w => w.Request.End), cancellationToken);
            articles = news.Count;
            var index = new NewsIndex(news);
            foreach (var batch in Batches(work))
            {
                var series = await repository.LoadSeriesAsync([.. batch.Select(w => w.Request)], cancellationToken);
                var rows = new List<FeatureRow>[series.Count];
                Parallel.For(0, series.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
                    rows[i] = FeatureCalculator.Compute(series[i], index, batch[i].Dirty.Contains, computedAt));
                var batchRows = rows.SelectMany(r => r).ToList();
                computed += batchRows.Count;
                written += replace
                    ? await repository.ReplaceAsync([.. batch.Select(w => w.Request.Symbol)], replaceFrom, replaceTo, batchRows, computedAt, cancellationToken)
                    : await repository.UpsertAsync(batchRows, computedAt, cancellationToken);
                done += batch.Count;
                progress?.Report((done, work.Count));
            }
        }
        if (watermarks is not null)
        {
            await repository.SetWatermarksAsync(watermarks, cancellationToken);
        }
        var report = new FeatureRunReport(mode, work.Count, computed, written, articles, Skipped: false, clock.Elapsed);
        logger.LogInformation("Features ({Mode}): {Symbols} symbols, {Computed} rows computed, {Written} written, {Articles} articles in the windows, {Elapsed} ms",
            mode, report.Symbols, computed, written, articles, (long)report.Elapsed.TotalMilliseconds);
        return report;
    }

    /// <summary>Groups symbols so that a batch loads about <see cref="FeatureOptions.RowsPerBatch"/> instants.</summary>
    private IEnumerable<List<SymbolWork>> Batches(List<SymbolWork> work)
    {
        var batch = new List<SymbolWork>();
        long size = 0;
        foreach (var w in work)
        {
            var length = w.Request.Loaded;
            if (batch.Count > 0 && size + length > options.Value.RowsPerBatch)
            {
                yield return batch;
                batch = [];
                size = 0;
            }
            batch.Add(w);
            size += length;
        }
        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private static DateTimeOffset Before(DateTimeOffset instant, TimeSpan margin) =>
        instant == DateTimeOffset.MinValue ? instant : instant - margin;

    private sealed record SymbolWork(DirtyRanges Dirty, SeriesRequest Request);
}
