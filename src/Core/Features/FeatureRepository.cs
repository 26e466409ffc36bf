using CryptoFunctions.Core.Database;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace CryptoFunctions.Core.Features;

/// <summary>Reads what the features are computed from (prices, news, sentiment) and writes ml_features_materialized.</summary>
public sealed class FeatureRepository(NpgsqlDataSource dataSource)
{
    // Held for a whole run, so two materialisations (a timer and a CLI) never interleave their writes.
    private const long RunLockKey = 0x6366656174757265; // "cfeature"

    private static readonly string[] FixedColumns =
        ["symbol", "ts", "price", "market_cap_rank", "news_count_1h", "news_count_24h", "market_news_count_1h", "market_news_count_24h"];

    private static readonly string[] ValueColumns = [.. FixedColumns.Skip(2).Concat(FeatureRow.FeatureColumns)];
    private static readonly string AllColumns = string.Join(", ", FixedColumns.Concat(FeatureRow.FeatureColumns).Append("computed_at"));

    // A row whose values did not change is left untouched, computed_at included, so a rerun writes nothing.
    private static readonly string UpsertStatement =
        $"""
        insert into ml_features_materialized as f ({AllColumns})
        select {AllColumns} from feature_staging
        on conflict (symbol, ts) do update set {string.Join(", ", ValueColumns.Append("computed_at").Select(c => $"{c} = excluded.{c}"))}
        where ({string.Join(", ", ValueColumns.Select(c => $"f.{c}"))})
            is distinct from ({string.Join(", ", ValueColumns.Select(c => $"excluded.{c}"))})
        """;

    /// <summary>Takes the run lock on a connection of its own; null when another run holds it.</summary>
    public async Task<IAsyncDisposable?> TryLockRunAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var locked = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select pg_try_advisory_lock(@key)", new { key = RunLockKey }, cancellationToken: cancellationToken));
        if (locked)
        {
            return new RunLock(connection);
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>The database's clock: changes are stamped by it, so watermarks must be too.</summary>
    public async Task<DateTimeOffset> DatabaseNowAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return DatabaseTime.Utc(await connection.ExecuteScalarAsync<DateTime>(new CommandDefinition("select clock_timestamp()", cancellationToken: cancellationToken)));
    }

    public async Task<FeatureWatermarks> GetWatermarksAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(DateTime Prices, DateTime Articles)?>(new CommandDefinition(
            "select prices_seen_until, articles_seen_until from feature_watermarks where id = 1",
            cancellationToken: cancellationToken));
        return row is { } r ? new FeatureWatermarks(DatabaseTime.Utc(r.Prices), DatabaseTime.Utc(r.Articles)) : FeatureWatermarks.Never;
    }

    public async Task SetWatermarksAsync(FeatureWatermarks watermarks, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into feature_watermarks (id, prices_seen_until, articles_seen_until, updated_at)
            values (1, @prices, @articles, clock_timestamp())
            on conflict (id) do update set prices_seen_until = excluded.prices_seen_until,
                articles_seen_until = excluded.articles_seen_until, updated_at = excluded.updated_at
            """,
            new { prices = watermarks.PricesSeenUntil.UtcDateTime, articles = watermarks.ArticlesSeenUntil.UtcDateTime },
            cancellationToken: cancellationToken));
    }

    /// <summary>The newest instant materialised (one index probe).</summary>
    public async Task<DateTimeOffset?> GetNewestAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var newest = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            "select max(ts) from ml_features_materialized", cancellationToken: cancellationToken));
        return DatabaseTime.Utc(newest);
    }

    /// <summary>Rows, symbols and newest instant of the materialised table, and when a run last completed.</summary>
    public async Task<(long Rows, int Symbols, DateTimeOffset? Newest, DateTimeOffset? LastRun)> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var (rows, symbols, newest, lastRun) = await connection.QuerySingleAsync<(long, int, DateTime?, DateTime?)>(new CommandDefinition(
            """
            select count(*), count(distinct symbol)::int, max(ts), (select updated_at from feature_watermarks where id = 1)
            from ml_features_materialized
            """, cancellationToken: cancellationToken));
        return (rows, symbols, DatabaseTime.Utc(newest), DatabaseTime.Utc(lastRun));
    }

    /// <summary>Per symbol, the first and last instant among prices inserted or changed after <paramref name="since"/>.</summary>
    public async Task<IReadOnlyDictionary<string, (DateTimeOffset First, DateTimeOffset Last)>> GetChangedPricesAsync(
        DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Symbol, DateTime First, DateTime Last)>(new CommandDefinition(
            "select symbol, min(ts), max(ts) from prices where updated_at > @since group by symbol",
            new { since = since.UtcDateTime }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Symbol, r => (DatabaseTime.Utc(r.First), DatabaseTime.Utc(r.Last)), StringComparer.Ordinal);
    }

    /// <summary>Articles inserted or changed (marked a copy, scored) after <paramref name="since"/>, by the database's clock.</summary>
    public async Task<IReadOnlyList<(DateTimeOffset PublishedAt, string[] Symbols)>> GetChangedArticlesAsync(
        DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(DateTime PublishedAt, string[] Symbols)>(new CommandDefinition(
            "select published_at, symbols from news_articles where changed_at > @since",
            new { since = since.UtcDateTime }, cancellationToken: cancellationToken));
        return rows.Select(r => (DatabaseTime.Utc(r.PublishedAt), r.Symbols)).ToList();
    }

    /// <summary>The requested prices laid on each symbol's grid, in the order of <paramref name="requests"/>.</summary>
    public async Task<IReadOnlyList<PriceSeries>> LoadSeriesAsync(IReadOnlyList<SeriesRequest> requests, CancellationToken cancellationToken)
    {
        var series = requests.Select(r => new PriceSeries(r.Symbol, r.Start, r.Length, r.NearFrom)).ToArray();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // The request's position comes back instead of the symbol: no string per row.
        await using var command = new NpgsqlCommand(
            """
            select r.n::int4 - 1, p.ts, coalesce(p.close, p.snapshot_price), p.quote_volume, p.market_cap, p.volume_24h, p.market_cap_rank
            from unnest(@symbols, @starts, @far_tos, @near_froms, @ends) with ordinality as r(symbol, start_ts, far_to, near_from, end_ts, n)
            join prices p on p.symbol = r.symbol and p.ts between r.start_ts and r.end_ts and (p.ts <= r.far_to or p.ts >= r.near_from)
            where coalesce(p.close, p.snapshot_price) is not null
            """, connection);
        command.Parameters.AddWithValue("symbols", requests.Select(r => r.Symbol).ToArray());
        command.Parameters.AddWithValue("starts", requests.Select(r => r.Start.UtcDateTime).ToArray());
        command.Parameters.AddWithValue("far_tos", requests.Select(r => r.FarTo.UtcDateTime).ToArray());
        command.Parameters.AddWithValue("near_froms", requests.Select(r => r.NearFrom.UtcDateTime).ToArray());
        command.Parameters.AddWithValue("ends", requests.Select(r => r.End.UtcDateTime).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var current = series[reader.GetInt32(0)];
            var i = current.IndexOf(new DateTimeOffset(reader.GetFieldValue<DateTime>(1)));
            current.Price[i] = reader.GetDouble(2);
            current.Volume[i] = NullableDouble(reader, 3);
            current.MarketCap[i] = NullableDouble(reader, 4);
            current.Volume24h[i] = NullableDouble(reader, 5);
            current.Rank[i] = reader.IsDBNull(6) ? null : reader.GetInt32(6);
        }
        return series;
    }

    /// <summary>Unique articles published in (<paramref name="from"/>, <paramref name="to"/>] with their sentiment, newest version per model.</summary>
    public async Task<IReadOnlyList<ArticleSignal>> LoadNewsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            with models as (
                select distinct on (s.article_id, s.model) s.article_id, s.model, s.score
                from article_sentiment s
                join news_articles a on a.id = s.article_id
                where a.published_at > @from and a.published_at <= @to and s.model in ('finbert', 'cryptobert', 'vader')
                order by s.article_id, s.model, s.scored_at desc
            )
            select a.published_at, a.symbols, a.sentiment_score, a.ml_market_type,
                   max(m.score) filter (where m.model = 'finbert'),
                   max(m.score) filter (where m.model = 'cryptobert'),
                   max(m.score) filter (where m.model = 'vader')
            from news_articles a
            left join models m on m.article_id = a.id
            where a.duplicate_of is null and a.published_at > @from and a.published_at <= @to
            group by a.id
            """, connection);
        command.Parameters.AddWithValue("from", from.UtcDateTime);
        command.Parameters.AddWithValue("to", to.UtcDateTime);
        var articles = new List<ArticleSignal>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            articles.Add(new ArticleSignal(
                new DateTimeOffset(reader.GetFieldValue<DateTime>(0)),
                reader.GetFieldValue<string[]>(1),
                NullableDouble(reader, 2),
                reader.IsDBNull(3) ? null : reader.GetString(3) == "bullish",
                NullableDouble(reader, 4),
                NullableDouble(reader, 5),
                NullableDouble(reader, 6)));
        }
        return articles;
    }

    /// <summary>
    /// Upserts rows: binary COPY into a staging table, then one INSERT ... ON CONFLICT that leaves a row whose
    /// values did not change untouched. One transaction. Returns the rows inserted or changed.
    /// </summary>
    public async Task<int> UpsertAsync(IReadOnlyCollection<FeatureRow> rows, DateTimeOffset computedAt, CancellationToken cancellationToken) =>
        rows.Count == 0
            ? 0
            : await BinaryCopy.ThroughStagingAsync(dataSource,
                "create temp table feature_staging (like ml_features_materialized) on commit drop",
                $"copy feature_staging ({AllColumns}) from stdin (format binary)", rows, RowWriter(computedAt), UpsertStatement, cancellationToken);

    /// <summary>Replaces the rows of <paramref name="symbols"/> in [<paramref name="from"/>, <paramref name="to"/>] with <paramref name="rows"/>: one transaction, COPY straight into the table.</summary>
    public async Task<int> ReplaceAsync(
        IReadOnlyList<string> symbols, DateTimeOffset? from, DateTimeOffset? to, IReadOnlyCollection<FeatureRow> rows,
        DateTimeOffset computedAt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            delete from ml_features_materialized
            where symbol = any(@symbols) and (@from::timestamptz is null or ts >= @from) and (@to::timestamptz is null or ts <= @to)
            """,
            new { symbols = symbols.ToArray(), from = from?.UtcDateTime, to = to?.UtcDateTime },
            transaction: transaction, cancellationToken: cancellationToken));
        var written = await BinaryCopy.WriteAsync(connection, $"copy ml_features_materialized ({AllColumns}) from stdin (format binary)",
            rows, RowWriter(computedAt), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (int)written;
    }

    private static Action<NpgsqlBinaryImporter, FeatureRow> RowWriter(DateTimeOffset computedAt)
    {
        var computed = computedAt.UtcDateTime;
        return (w, r) =>
        {
            w.Write(r.Symbol, NpgsqlDbType.Text);
            w.Write(r.Ts.UtcDateTime, NpgsqlDbType.TimestampTz);
            w.Write(r.Price, NpgsqlDbType.Double);
            w.WriteOrNull(r.MarketCapRank, NpgsqlDbType.Integer);
            w.Write(r.NewsCount1h, NpgsqlDbType.Integer);
            w.Write(r.NewsCount24h, NpgsqlDbType.Integer);
            w.Write(r.MarketNewsCount1h, NpgsqlDbType.Integer);
            w.Write(r.MarketNewsCount24h, NpgsqlDbType.Integer);
            foreach (var value in r.Values)
            {
                w.WriteOrNull(double.IsFinite(value) ? value : (double?)null, NpgsqlDbType.Double);
            }
            w.Write(computed, NpgsqlDbType.TimestampTz);
        };
    }

    private static double NullableDouble(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? double.NaN : reader.GetDouble(ordinal);

    // A pooled connection resets its session only when next used, so the lock is released explicitly.
    private sealed class RunLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await connection.ExecuteAsync("select pg_advisory_unlock(@key)", new { key = RunLockKey });
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
