using System.Collections.Concurrent;
using System.Diagnostics;
using CryptoFunctions.Core.Universe;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoFunctions.Core.Prices;

/// <summary>
/// Fetches prices for the universe and stores them. A failing page or symbol is reported and the rest stored:
/// one delisted coin or one rate-limited request never costs the others their prices.
/// </summary>
public sealed class PriceCollector(
    CoinUniverse universe,
    MarketsClient markets,
    KlinesClient klines,
    PriceRepository repository,
    IOptions<PriceOptions> options,
    TimeProvider time,
    ILogger<PriceCollector> logger)
{
    // Bars are written in batches of this many, so a long history never sits whole in memory.
    private const int WriteBatch = 50_000;

    /// <summary>The 5-minute cycle: a markets snapshot of every coin, then the bars closed since each symbol's last one.</summary>
    public async Task<PriceCollectionReport> CollectAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var now = time.GetUtcNow();
        var ts = PriceGrid.Floor(now);
        var unknown = new ConcurrentBag<PriceProblem>();
        var failures = new ConcurrentBag<PriceProblem>();

        var snapshots = await FetchSnapshotsAsync(universe.Coins, ts, now, unknown, failures, cancellationToken);
        var snapshotsStored = await repository.UpsertSnapshotsAsync(snapshots, cancellationToken);

        var bars = (Received: 0, Stored: 0);
        if (options.Value.CatchUpKlines)
        {
            var paired = universe.Coins.Where(c => c.Pair is not null).ToList();
            var latest = await repository.LatestBarsAsync(paired.Select(c => c.Symbol).ToList(), cancellationToken);
            var earliest = ts - PriceGrid.Step * Math.Floor(options.Value.CatchUpWindow / PriceGrid.Step);
            var ranges = paired
                .Select(c => (Coin: c, First: latest.TryGetValue(c.Symbol, out var last) && last >= earliest ? last + PriceGrid.Step : earliest))
                .Where(r => r.First <= ts)
                .Select(r => new KlineRange(r.Coin, r.First, ts))
                .ToList();
            bars = await FetchBarsAsync(ranges, unknown, failures, progress: null, cancellationToken);
        }

        var report = new PriceCollectionReport(ts, snapshots.Count, snapshotsStored, bars.Received, bars.Stored,
            [.. unknown.OrderBy(p => p.Scope, StringComparer.Ordinal)], [.. failures.OrderBy(p => p.Scope, StringComparer.Ordinal)], clock.Elapsed);
        Log(report);
        return report;
    }

    /// <summary>5-minute bars of <paramref name="coins"/> closing in [<paramref name="first"/>, <paramref name="last"/>]: history for catch-up and backfill.</summary>
    public async Task<PriceCollectionReport> CollectHistoryAsync(
        IReadOnlyList<Coin> coins, DateTimeOffset first, DateTimeOffset last, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var unknown = new ConcurrentBag<PriceProblem>();
        var failures = new ConcurrentBag<PriceProblem>();
        foreach (var coin in coins.Where(c => c.Pair is null))
        {
            unknown.Add(new PriceProblem(coin.Symbol, "has no exchange pair in the universe, so no bars"));
        }
        var ranges = coins.Where(c => c.Pair is not null)
            .Select(c => new KlineRange(c, PriceGrid.Ceiling(first), PriceGrid.Floor(last)))
            .ToList();
        var bars = await FetchBarsAsync(ranges, unknown, failures, progress, cancellationToken);
        var report = new PriceCollectionReport(PriceGrid.Floor(last), 0, 0, bars.Received, bars.Stored,
            [.. unknown.OrderBy(p => p.Scope, StringComparer.Ordinal)], [.. failures.OrderBy(p => p.Scope, StringComparer.Ordinal)], clock.Elapsed);
        Log(report);
        return report;
    }

    private async Task<List<MarketSnapshot>> FetchSnapshotsAsync(
        IReadOnlyList<Coin> coins, DateTimeOffset ts, DateTimeOffset observedAt,
        ConcurrentBag<PriceProblem> unknown, ConcurrentBag<PriceProblem> failures, CancellationToken cancellationToken)
    {
        var snapshots = new List<MarketSnapshot>(coins.Count);
        var pages = coins.Chunk(options.Value.MarketsPageSize).ToList();
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            var what = $"markets page {i + 1} of {pages.Count}";
            IReadOnlyList<MarketQuote> quotes;
            try
            {
                quotes = await markets.GetAsync(page.Select(c => c.CoingeckoId).ToList(), what, cancellationToken);
            }
            catch (PriceApiException e)
            {
                failures.Add(new PriceProblem(what, $"{e.Message} ({page.Length} coins: {page[0].Symbol} to {page[^1].Symbol} without a snapshot)"));
                continue;
            }
            var byId = new Dictionary<string, MarketQuote>(StringComparer.OrdinalIgnoreCase);
            foreach (var quote in quotes)
            {
                byId.TryAdd(quote.Id, quote);
            }
            foreach (var coin in page)
            {
                if (!byId.TryGetValue(coin.CoingeckoId, out var q))
                {
                    unknown.Add(new PriceProblem(coin.Symbol, $"not in the markets answer (unknown or delisted id '{coin.CoingeckoId}')"));
                }
                else if (q.CurrentPrice is not > 0)
                {
                    unknown.Add(new PriceProblem(coin.Symbol, $"the markets answer has no price for '{coin.CoingeckoId}'"));
                }
                else
                {
                    snapshots.Add(new MarketSnapshot(coin.Symbol, ts, q.CurrentPrice, q.MarketCap, q.TotalVolume, q.MarketCapRank, observedAt));
                }
            }
        }
        return snapshots;
    }

    private async Task<(int Received, int Stored)> FetchBarsAsync(
        IReadOnlyList<KlineRange> ranges, ConcurrentBag<PriceProblem> unknown, ConcurrentBag<PriceProblem> failures,
        IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var pending = new List<Kline>();
        var writeLock = new SemaphoreSlim(1, 1);
        int received = 0, stored = 0;

        async Task FlushAsync(bool force, CancellationToken token)
        {
            List<Kline> batch;
            lock (pending)
            {
                if (pending.Count == 0 || (!force && pending.Count < WriteBatch))
                {
                    return;
                }
                batch = [.. pending];
                pending.Clear();
            }
            await writeLock.WaitAsync(token);
            try
            {
                Interlocked.Add(ref stored, await repository.UpsertKlinesAsync(batch, token));
            }
            finally
            {
                writeLock.Release();
            }
        }

        // A host that does not answer at all is given up on for this run after the requests already in flight:
        // retrying it for every symbol would take minutes and tell nothing more.
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        PriceApiException? unreachable = null;
        try
        {
            await Parallel.ForEachAsync(ranges,
                new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentKlineRequests, CancellationToken = giveUp.Token },
                async (range, token) =>
                {
                    try
                    {
                        var bars = await klines.GetAsync(range.Coin.Symbol, range.Coin.Pair!, range.First, range.Last, token);
                        Interlocked.Add(ref received, bars.Count);
                        lock (pending)
                        {
                            pending.AddRange(bars);
                        }
                        await FlushAsync(force: false, token);
                    }
                    catch (PriceApiException e) when (e.UnknownSymbol)
                    {
                        unknown.Add(new PriceProblem(range.Coin.Symbol, $"pair {range.Coin.Pair} is unknown to the klines API (delisted or never listed)"));
                    }
                    catch (PriceApiException e) when (e.NoAnswer)
                    {
                        Interlocked.CompareExchange(ref unreachable, e, null);
                        await giveUp.CancelAsync();
                    }
                    catch (PriceApiException e)
                    {
                        failures.Add(new PriceProblem(range.Coin.Symbol, e.Message));
                    }
                    progress?.Report(1);
                });
        }
        catch (OperationCanceledException) when (unreachable is not null && !cancellationToken.IsCancellationRequested)
        {
            // Given up on the host: reported below.
        }
        if (unreachable is not null)
        {
            failures.Add(new PriceProblem("klines", $"{unreachable.Message}; the symbols not done yet were not tried (the next run catches up)"));
        }
        await FlushAsync(force: true, cancellationToken);
        return (received, stored);
    }

    private void Log(PriceCollectionReport report)
    {
        logger.LogInformation(
            "Prices for {Ts:u}: {SnapshotsStored} of {Snapshots} snapshots and {BarsStored} of {Bars} bars new or changed, {Unknown} unknown symbols, {Failures} failed requests in {Elapsed} ms",
            report.Ts, report.SnapshotsStored, report.SnapshotsReceived, report.BarsStored, report.BarsReceived,
            report.UnknownSymbols.Count, report.Failures.Count, (long)report.Elapsed.TotalMilliseconds);
        foreach (var problem in report.UnknownSymbols)
        {
            logger.LogWarning("Unknown symbol {Symbol}: {Message}", problem.Scope, problem.Message);
        }
        foreach (var problem in report.Failures)
        {
            logger.LogWarning("Price request failed for {Scope}: {Message}", problem.Scope, problem.Message);
        }
    }

    private sealed record KlineRange(Coin Coin, DateTimeOffset First, DateTimeOffset Last);
}
