using CryptoFunctions.Core.Database;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace CryptoFunctions.Core.News;

/// <summary>Articles and per-source fetch state in PostgreSQL.</summary>
public sealed class NewsRepository(NpgsqlDataSource dataSource, IOptions<NewsOptions> options)
{
    private const string StagingColumns =
        "canonical_url, url, source_id, guid, title, title_key, summary, author, image_url, categories, symbols, published_at, published_at_inferred, collected_at";

    /// <summary>
    /// Stores a batch: binary COPY into a staging table, one INSERT ... ON CONFLICT on the canonical URL,
    /// then syndicated copies are marked (see below). One transaction, so a retried batch neither
    /// duplicates nor loses a row. Returns the rows inserted, each with its original when it is a copy.
    /// </summary>
    public async Task<IReadOnlyList<StoredArticle>> StoreAsync(IReadOnlyCollection<Article> articles, CancellationToken cancellationToken)
    {
        if (articles.Count == 0)
        {
            return [];
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            create temp table news_staging ({StagingColumnTypes}) on commit drop
            """, transaction: transaction, cancellationToken: cancellationToken));

        await BinaryCopy.WriteAsync(connection, $"copy news_staging ({StagingColumns}) from stdin (format binary)", articles,
            (w, a) =>
            {
                w.Write(a.CanonicalUrl, NpgsqlDbType.Text);
                w.Write(a.Url, NpgsqlDbType.Text);
                w.Write(a.SourceId, NpgsqlDbType.Text);
                w.WriteOrNull(a.Guid, NpgsqlDbType.Text);
                w.Write(a.Title, NpgsqlDbType.Text);
                w.WriteOrNull(a.TitleKey, NpgsqlDbType.Text);
                w.WriteOrNull(a.Summary, NpgsqlDbType.Text);
                w.WriteOrNull(a.Author, NpgsqlDbType.Text);
                w.WriteOrNull(a.ImageUrl, NpgsqlDbType.Text);
                w.Write(AsList(a.Categories), NpgsqlDbType.Array | NpgsqlDbType.Text);
                w.Write(AsList(a.Symbols), NpgsqlDbType.Array | NpgsqlDbType.Text);
                w.Write(a.PublishedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
                w.Write(a.PublishedAtInferred, NpgsqlDbType.Boolean);
                w.Write(a.CollectedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
            }, cancellationToken);

        var inserted = (await connection.QueryAsync<(long Id, string CanonicalUrl, string SourceId)>(new CommandDefinition(
            $"""
            insert into news_articles ({StagingColumns})
            select {StagingColumns} from news_staging
            on conflict (canonical_url) do nothing
            returning id, canonical_url, source_id
            """, transaction: transaction, cancellationToken: cancellationToken))).ToList();
        if (inserted.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return [];
        }

        // A row is a syndicated copy of the earliest row (by publication time, then id) that has its title
        // key and was published within the window before it; a row with none is an original. That depends
        // only on the rows, not on the order they arrived in, so an original that arrives after its copy
        // (its source was down) turns the copy into a duplicate. Rows this batch can change: its own, and
        // those published within the window after one of them, all found by one index probe per new row.
        var changed = (await connection.QueryAsync<(long Id, long? Original)>(new CommandDefinition(
            """
            with batch as (
                select id, title_key, published_at from news_articles where id = any(@ids) and title_key is not null
            ),
            related as (
                select b.id as batch_id, b.published_at as batch_published, o.id, o.published_at
                from batch b
                join news_articles o on o.title_key = b.title_key
                 and o.published_at between b.published_at - @window and b.published_at + @window
            ),
            affected as (
                select distinct batch_id, id, published_at from related
                where id = batch_id or ((published_at, id) > (batch_published, batch_id) and id <> all(@ids))
            ),
            resolved as (
                select distinct on (a.id) a.id, r.id as original
                from affected a
                left join related r on r.batch_id = a.batch_id
                 and (r.published_at, r.id) < (a.published_at, a.id)
                 and r.published_at >= a.published_at - @window
                order by a.id, r.published_at, r.id
            )
            update news_articles n
            set duplicate_of = r.original
            from resolved r
            where n.id = r.id and n.duplicate_of is distinct from r.original
            returning n.id, r.original
            """,
            new { ids = inserted.Select(r => r.Id).ToArray(), window = options.Value.SyndicationWindow },
            transaction, cancellationToken: cancellationToken))).ToList();
        var duplicates = changed.Where(r => r.Original is not null).ToDictionary(r => r.Id, r => r.Original!.Value);

        await transaction.CommitAsync(cancellationToken);
        return inserted
            .Select(r => new StoredArticle(r.Id, r.CanonicalUrl, r.SourceId, duplicates.TryGetValue(r.Id, out var original) ? original : null))
            .ToList();
    }

    public async Task<IReadOnlyDictionary<string, SourceState>> LoadStatesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SourceState>(new CommandDefinition(
            "select id as SourceId, etag as ETag, last_modified as LastModified from news_sources",
            cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.SourceId, StringComparer.Ordinal);
    }

    public async Task RecordOutcomesAsync(
        IEnumerable<(NewsSource Source, SourceOutcome Outcome, FeedFetch? Fetch)> outcomes,
        DateTimeOffset attemptedAt,
        CancellationToken cancellationToken)
    {
        var rows = outcomes.Select(o => new
        {
            id = o.Source.Id,
            name = o.Source.Name,
            feedUrl = o.Source.FeedUrl.AbsoluteUri,
            etag = o.Fetch?.ETag,
            lastModified = o.Fetch?.LastModified,
            at = attemptedAt.UtcDateTime,
            error = o.Outcome.Error,
            fetched = o.Outcome.Fetched,
            isNew = o.Outcome.New,
        }).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into news_sources as s (id, name, feed_url, etag, last_modified, last_attempt_at,
                                           last_success_at, last_error, last_error_at, last_fetched, last_new)
            values (@id, @name, @feedUrl, @etag, @lastModified, @at,
                    case when @error::text is null then @at end, @error, case when @error::text is not null then @at end, @fetched, @isNew)
            on conflict (id) do update set
                name            = excluded.name,
                feed_url        = excluded.feed_url,
                last_attempt_at = excluded.last_attempt_at,
                etag            = case when excluded.last_error is null then excluded.etag else s.etag end,
                last_modified   = case when excluded.last_error is null then excluded.last_modified else s.last_modified end,
                last_success_at = coalesce(excluded.last_success_at, s.last_success_at),
                last_error      = coalesce(excluded.last_error, s.last_error),
                last_error_at   = coalesce(excluded.last_error_at, s.last_error_at),
                last_fetched    = excluded.last_fetched,
                last_new        = excluded.last_new
            """, rows, cancellationToken: cancellationToken));
    }

    /// <summary>Each source's fetch state alone: reads only the small sources table, for frequent health probes.</summary>
    public async Task<IReadOnlyList<SourceHealth>> GetSourceHealthAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Id, DateTime? LastSuccessAt, string? LastError, DateTime? LastErrorAt)>(new CommandDefinition(
            "select id, last_success_at, last_error, last_error_at from news_sources order by id", cancellationToken: cancellationToken));
        return rows.Select(r =>
        {
            var failing = SourceStatus.IsFailing(DatabaseTime.Utc(r.LastSuccessAt), DatabaseTime.Utc(r.LastErrorAt));
            return new SourceHealth(r.Id, DatabaseTime.Utc(r.LastSuccessAt), failing ? r.LastError : null, failing);
        }).ToList();
    }

    public async Task<NewsStatus> GetStatusAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var args = new { day = now.UtcDateTime.AddDays(-1), week = now.UtcDateTime.AddDays(-7) };
        var totals = await connection.QuerySingleAsync<(long Articles, long Unique, long Last24, long Last7, DateTime? Newest)>(new CommandDefinition(
            """
            select count(*),
                   count(*) filter (where duplicate_of is null),
                   count(*) filter (where duplicate_of is null and published_at >= @day),
                   count(*) filter (where duplicate_of is null and published_at >= @week),
                   max(published_at)
            from news_articles
            """, args, cancellationToken: cancellationToken));
        var sources = await connection.QueryAsync<SourceRow>(new CommandDefinition(
            """
            select s.id, s.name, s.last_attempt_at as LastAttemptAt, s.last_success_at as LastSuccessAt,
                   s.last_error as LastError, s.last_error_at as LastErrorAt,
                   coalesce(c.total, 0) as Articles, coalesce(c.day, 0) as Last24Hours, coalesce(c.week, 0) as Last7Days
            from news_sources s
            left join (
                select source_id,
                       count(*) filter (where duplicate_of is null) as total,
                       count(*) filter (where duplicate_of is null and published_at >= @day) as day,
                       count(*) filter (where duplicate_of is null and published_at >= @week) as week
                from news_articles group by source_id
            ) c on c.source_id = s.id
            order by s.id
            """, args, cancellationToken: cancellationToken));
        return new NewsStatus(
            totals.Articles, totals.Unique, totals.Articles - totals.Unique, totals.Last24, totals.Last7, DatabaseTime.Utc(totals.Newest),
            sources.Select(r => new SourceStatus(r.Id, r.Name, DatabaseTime.Utc(r.LastAttemptAt), DatabaseTime.Utc(r.LastSuccessAt), r.LastError, DatabaseTime.Utc(r.LastErrorAt),
                r.Articles, r.Last24Hours, r.Last7Days)).ToList());
    }

    private sealed record SourceRow(
        string Id, string Name, DateTime? LastAttemptAt, DateTime? LastSuccessAt, string? LastError, DateTime? LastErrorAt,
        long Articles, long Last24Hours, long Last7Days);

    private const string StagingColumnTypes =
        "canonical_url text, url text, source_id text, guid text, title text, title_key text, summary text, author text, " +
        "image_url text, categories text[], symbols text[], published_at timestamptz, published_at_inferred boolean, collected_at timestamptz";

    // Npgsql writes text[] from a string[] fastest; most articles already carry one.
    private static string[] AsList(IReadOnlyList<string> values) => values as string[] ?? [.. values];
}
