using CryptoFunctions.Core.Database;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace CryptoFunctions.Core.Prices;

/// <summary>Prices on the 5-minute grid, keyed by (symbol, ts); every write is an idempotent upsert.</summary>
public sealed class PriceRepository(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Stores closed bars. A bar already stored with the same values is left untouched (its updated_at too),
    /// so a repeated or overlapping fetch does not make the features look changed. Returns the rows inserted or changed.
    /// </summary>
    public async Task<int> UpsertKlinesAsync(IReadOnlyCollection<Kline> bars, CancellationToken cancellationToken)
    {
        if (bars.Count == 0)
        {
            return 0;
        }
        return await BinaryCopy.ThroughStagingAsync(dataSource,
            """
            create temp table kline_staging (
                symbol text, ts timestamptz, open float8, high float8, low float8, close float8,
                volume float8, quote_volume float8, trades int4) on commit drop
            """,
            "copy kline_staging from stdin (format binary)", LastPerKey(bars, b => (b.Symbol, b.Ts)),
            (w, b) =>
            {
                w.Write(b.Symbol, NpgsqlDbType.Text);
                w.Write(b.Ts.UtcDateTime, NpgsqlDbType.TimestampTz);
                w.Write(b.Open, NpgsqlDbType.Double);
                w.Write(b.High, NpgsqlDbType.Double);
                w.Write(b.Low, NpgsqlDbType.Double);
                w.Write(b.Close, NpgsqlDbType.Double);
                w.Write(b.Volume, NpgsqlDbType.Double);
                w.Write(b.QuoteVolume, NpgsqlDbType.Double);
                w.Write(b.Trades, NpgsqlDbType.Integer);
            },
            """
            insert into prices as p (symbol, ts, open, high, low, close, volume, quote_volume, trades)
            select symbol, ts, open, high, low, close, volume, quote_volume, trades from kline_staging
            on conflict (symbol, ts) do update set
                open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
                volume = excluded.volume, quote_volume = excluded.quote_volume, trades = excluded.trades,
                updated_at = clock_timestamp()
            where (p.open, p.high, p.low, p.close, p.volume, p.quote_volume, p.trades)
                is distinct from (excluded.open, excluded.high, excluded.low, excluded.close, excluded.volume, excluded.quote_volume, excluded.trades)
            """, cancellationToken);
    }

    /// <summary>
    /// Stores markets snapshots. The first observation of a grid instant stands (it is the closest to the
    /// instant); a later one in the same five minutes only fills a price the first lacked. Returns the rows inserted or changed.
    /// </summary>
    public async Task<int> UpsertSnapshotsAsync(IReadOnlyCollection<MarketSnapshot> snapshots, CancellationToken cancellationToken)
    {
        if (snapshots.Count == 0)
        {
            return 0;
        }
        return await BinaryCopy.ThroughStagingAsync(dataSource,
            """
            create temp table snapshot_staging (
                symbol text, ts timestamptz, snapshot_price float8, market_cap float8, volume_24h float8,
                market_cap_rank int4, snapshot_at timestamptz) on commit drop
            """,
            "copy snapshot_staging from stdin (format binary)", LastPerKey(snapshots, s => (s.Symbol, s.Ts)),
            (w, s) =>
            {
                w.Write(s.Symbol, NpgsqlDbType.Text);
                w.Write(s.Ts.UtcDateTime, NpgsqlDbType.TimestampTz);
                w.WriteOrNull(s.Price, NpgsqlDbType.Double);
                w.WriteOrNull(s.MarketCap, NpgsqlDbType.Double);
                w.WriteOrNull(s.Volume24h, NpgsqlDbType.Double);
                w.WriteOrNull(s.MarketCapRank, NpgsqlDbType.Integer);
                w.Write(s.ObservedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
            },
            """
            insert into prices as p (symbol, ts, snapshot_price, market_cap, volume_24h, market_cap_rank, snapshot_at)
            select symbol, ts, snapshot_price, market_cap, volume_24h, market_cap_rank, snapshot_at from snapshot_staging
            on conflict (symbol, ts) do update set
                snapshot_price = excluded.snapshot_price, market_cap = excluded.market_cap, volume_24h = excluded.volume_24h,
                market_cap_rank = excluded.market_cap_rank, snapshot_at = excluded.snapshot_at, updated_at = clock_timestamp()
            where p.snapshot_at is null
               or excluded.snapshot_at < p.snapshot_at
               or (p.snapshot_price is null and excluded.snapshot_price is not null)
            """, cancellationToken);
    }

    /// <summary>The close instant of each symbol's newest stored bar; symbols without bars are absent.</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> LatestBarsAsync(IReadOnlyList<string> symbols, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Symbol, DateTime? Ts)>(new CommandDefinition(
            """
            select s.symbol, (select max(p.ts) from prices p where p.symbol = s.symbol and p.close is not null)
            from unnest(@symbols) as s(symbol)
            """, new { symbols = symbols.ToArray() }, cancellationToken: cancellationToken));
        return rows.Where(r => r.Ts is not null)
            .ToDictionary(r => r.Symbol, r => DatabaseTime.Utc(r.Ts!.Value), StringComparer.Ordinal);
    }

    public async Task<PriceStatus> GetStatusAsync(DateTimeOffset now, TimeSpan gapWindow, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var (rows, symbols, newest) = await connection.QuerySingleAsync<(long, int, DateTime?)>(new CommandDefinition(
            "select count(*), count(distinct symbol)::int, max(ts) from prices", cancellationToken: cancellationToken));
        var gaps = await GetGapsAsync(now - gapWindow, now, cancellationToken);
        return new PriceStatus(rows, symbols, DatabaseTime.Utc(newest), gaps);
    }

    /// <summary>First and last instant with a price, per symbol (all symbols when <paramref name="symbols"/> is null).</summary>
    public async Task<IReadOnlyDictionary<string, (DateTimeOffset First, DateTimeOffset Last)>> GetExtentsAsync(
        IReadOnlyList<string>? symbols, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Two index probes per symbol instead of scanning every price.
        var rows = await connection.QueryAsync<(string Symbol, DateTime? First, DateTime? Last)>(new CommandDefinition(
            """
            with recursive symbols as (
                select min(symbol) as symbol from prices
                union all
                select (select min(p.symbol) from prices p where p.symbol > s.symbol) from symbols s where s.symbol is not null
            )
            select s.symbol,
                   (select min(ts) from prices p where p.symbol = s.symbol),
                   (select max(ts) from prices p where p.symbol = s.symbol)
            from symbols s
            where s.symbol is not null and (@symbols::text[] is null or s.symbol = any(@symbols))
            """, new { symbols = symbols?.ToArray() }, cancellationToken: cancellationToken));
        return rows.Where(r => r.First is not null)
            .ToDictionary(r => r.Symbol, r => (DatabaseTime.Utc(r.First!.Value), DatabaseTime.Utc(r.Last!.Value)), StringComparer.Ordinal);
    }

    /// <summary>
    /// Holes in each symbol's grid since <paramref name="since"/>, and symbols whose newest price is older than the
    /// grid instant before <paramref name="now"/>, however old (FirstAfter null). Largest first.
    /// </summary>
    public async Task<IReadOnlyList<PriceGap>> GetGapsAsync(DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expected = PriceGrid.Floor(now) - PriceGrid.Step;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var holes = await connection.QueryAsync<(string Symbol, DateTime LastBefore, DateTime FirstAfter, long Missing)>(new CommandDefinition(
            """
            with ordered as (
                select symbol, ts, lead(ts) over (partition by symbol order by ts) as next_ts
                from prices where ts >= @since
            )
            select symbol, ts, next_ts, (extract(epoch from next_ts - ts)::bigint / 300) - 1
            from ordered
            where next_ts - ts > interval '5 minutes'
            """, new { since = since.UtcDateTime }, cancellationToken: cancellationToken));
        var gaps = holes.Select(r => new PriceGap(r.Symbol, DatabaseTime.Utc(r.LastBefore), DatabaseTime.Utc(r.FirstAfter), r.Missing)).ToList();
        foreach (var (symbol, (_, last)) in await GetExtentsAsync(symbols: null, cancellationToken))
        {
            if (last < expected)
            {
                gaps.Add(new PriceGap(symbol, last, null, (expected - last).Ticks / PriceGrid.Step.Ticks));
            }
        }
        return gaps.OrderByDescending(g => g.Missing).ThenBy(g => g.Symbol, StringComparer.Ordinal).ThenBy(g => g.LastBefore).ToList();
    }

    /// <summary>ON CONFLICT cannot touch one row twice in a statement: a key delivered twice keeps its last delivery.</summary>
    private static IEnumerable<T> LastPerKey<T>(IReadOnlyCollection<T> rows, Func<T, (string, DateTimeOffset)> key)
    {
        var last = new Dictionary<(string, DateTimeOffset), T>(rows.Count);
        foreach (var row in rows)
        {
            last[key(row)] = row;
        }
        return last.Count == rows.Count ? rows : last.Values;
    }
}
