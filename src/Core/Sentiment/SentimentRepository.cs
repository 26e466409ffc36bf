using System.Text.Json;
using CryptoFunctions.Core.Database;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace CryptoFunctions.Core.Sentiment;

/// <summary>Sentiment rows per article and model version, and the ensemble columns on the article.</summary>
public sealed class SentimentRepository(NpgsqlDataSource dataSource)
{
    /// <summary>The model whose own score and confidence the article also carries (seed columns).</summary>
    public const string CryptoBertModelName = "cryptobert";

    public async Task<IReadOnlyList<ArticleText>> LoadArticlesAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ArticleText>(new CommandDefinition(
            "select id as Id, title as Title, summary as Summary from news_articles where id = any(@ids) order by id",
            new { ids = ids.ToArray() }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>Of <paramref name="ids"/>, those the model version has already scored.</summary>
    public async Task<IReadOnlySet<long>> ScoredAsync(IReadOnlyCollection<long> ids, ISentimentModel model, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<long>(new CommandDefinition(
            "select article_id from article_sentiment where article_id = any(@ids) and model = @model and model_version = @version",
            new { ids = ids.ToArray(), model = model.Name, version = model.Version }, cancellationToken: cancellationToken));
        return rows.ToHashSet();
    }

    // Unique articles (not syndicated copies) that some of the given model versions has not scored.
    private const string UnscoredFilter =
        """
        a.duplicate_of is null and a.id > @afterId and (@since::timestamptz is null or a.published_at >= @since)
        and (@until::timestamptz is null or a.published_at < @until)
        and exists (
            select 1 from unnest(@models, @versions) as m(model, version)
            where not exists (select 1 from article_sentiment s
                              where s.article_id = a.id and s.model = m.model and s.model_version = m.version))
        """;

    /// <summary>
    /// Unique articles that some of <paramref name="models"/> has not scored, in id order after
    /// <paramref name="afterId"/>, published in [<paramref name="since"/>, <paramref name="until"/>) where given.
    /// </summary>
    public async Task<IReadOnlyList<long>> UnscoredAsync(
        IReadOnlyCollection<ISentimentModel> models, long afterId, DateTimeOffset? since, int limit, CancellationToken cancellationToken,
        DateTimeOffset? until = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<long>(new CommandDefinition(
            $"select a.id from news_articles a where {UnscoredFilter} order by a.id limit @limit",
            UnscoredArguments(models, afterId, since, until, limit), cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<long> CountUnscoredAsync(
        IReadOnlyCollection<ISentimentModel> models, DateTimeOffset? since, CancellationToken cancellationToken, DateTimeOffset? until = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"select count(*) from news_articles a where {UnscoredFilter}",
            UnscoredArguments(models, 0, since, until, 0), cancellationToken: cancellationToken));
    }

    private static object UnscoredArguments(
        IReadOnlyCollection<ISentimentModel> models, long afterId, DateTimeOffset? since, DateTimeOffset? until, int limit) => new
        {
            afterId,
            since = since?.UtcDateTime,
            until = until?.UtcDateTime,
            limit,
            models = models.Select(m => m.Name).ToArray(),
            versions = models.Select(m => m.Version).ToArray(),
        };

    public async Task<SentimentStatus> GetStatusAsync(IReadOnlyCollection<ISentimentModel> models, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var coverage = new List<ModelCoverage>();
        foreach (var model in models)
        {
            var scored = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                select count(*) from article_sentiment s join news_articles a on a.id = s.article_id
                where a.duplicate_of is null and s.model = @model and s.model_version = @version
                """, new { model = model.Name, version = model.Version }, cancellationToken: cancellationToken));
            coverage.Add(new ModelCoverage(model.Name, model.Version, scored));
        }
        var classes = (await connection.QueryAsync<ClassCount>(new CommandDefinition(
            """
            select sentiment_label as Label, count(*) as Count from news_articles
            where duplicate_of is null and sentiment_label is not null group by sentiment_label
            """, cancellationToken: cancellationToken))).ToList();
        var stats = await connection.QuerySingleAsync<(long Unique, double? Mean, double? Std, double? Min, double? Max)>(new CommandDefinition(
            """
            select count(*), avg(sentiment_score), stddev_samp(sentiment_score), min(sentiment_score), max(sentiment_score)
            from news_articles where duplicate_of is null
            """, cancellationToken: cancellationToken));
        return new SentimentStatus(stats.Unique, coverage, classes, stats.Mean, stats.Std, stats.Min, stats.Max);
    }

    /// <summary>
    /// Stores new results (a result already stored for its article and model version is left as it is),
    /// then recomputes the ensemble columns of the articles from the active model versions' rows: one
    /// transaction, so a failure writes nothing and a repeated delivery changes nothing.
    /// </summary>
    public async Task<int> SaveAsync(
        IReadOnlyCollection<ScoredArticle> results,
        IReadOnlyCollection<ISentimentModel> activeModels,
        Func<IReadOnlyCollection<ModelScore>, EnsembleResult?> combine,
        DateTimeOffset scoredAt,
        CancellationToken cancellationToken)
    {
        if (results.Count == 0)
        {
            return 0;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            create temp table sentiment_staging (article_id bigint, model text, model_version text, label text,
                score double precision, confidence double precision, probabilities jsonb) on commit drop
            """, transaction: transaction, cancellationToken: cancellationToken));
        await BinaryCopy.WriteAsync(connection,
            "copy sentiment_staging from stdin (format binary)", results, (w, r) =>
            {
                w.Write(r.ArticleId, NpgsqlDbType.Bigint);
                w.Write(r.Model, NpgsqlDbType.Text);
                w.Write(r.Version, NpgsqlDbType.Text);
                w.Write(r.Result.Label, NpgsqlDbType.Text);
                w.Write(r.Result.Score, NpgsqlDbType.Double);
                w.Write(r.Result.Confidence, NpgsqlDbType.Double);
                w.Write(JsonSerializer.Serialize(r.Result.Probabilities), NpgsqlDbType.Jsonb);
            }, cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into article_sentiment (article_id, model, model_version, label, score, confidence, probabilities, scored_at)
            select article_id, model, model_version, label, score, confidence, probabilities, @scoredAt from sentiment_staging
            on conflict (article_id, model, model_version) do nothing
            """, new { scoredAt = scoredAt.UtcDateTime }, transaction, cancellationToken: cancellationToken));

        var articleIds = results.Select(r => r.ArticleId).Distinct().ToArray();
        var active = activeModels.ToDictionary(m => (m.Name, m.Version));
        var stored = (await connection.QueryAsync<(long ArticleId, string Model, string Version, string Label, double Score, double Confidence)>(
            new CommandDefinition(
                """
                select article_id, model, model_version, label, score, confidence from article_sentiment
                where article_id = any(@ids) and (model, model_version) in (select * from unnest(@models, @versions))
                """,
                new { ids = articleIds, models = activeModels.Select(m => m.Name).ToArray(), versions = activeModels.Select(m => m.Version).ToArray() },
                transaction, cancellationToken: cancellationToken)))
            .GroupBy(r => r.ArticleId);

        var updates = stored.Select(g =>
        {
            // A group holds at least one row, so there is always an ensemble.
            var ensemble = combine(g.Select(r => new ModelScore(r.Model, active[(r.Model, r.Version)].IsTransformer, r.Score, r.Confidence)).ToList())!;
            var analysis = g.ToDictionary(r => r.Model, r => new { version = r.Version, label = r.Label, score = r.Score, confidence = r.Confidence });
            var cryptobert = g.Where(r => r.Model == CryptoBertModelName).Select(r => ((double?)r.Score, (double?)r.Confidence)).FirstOrDefault();
            return (Id: g.Key, Ensemble: ensemble, Analysis: JsonSerializer.Serialize(analysis), CryptoBert: cryptobert);
        }).ToList();
        // One statement for the whole batch, its columns passed as arrays.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            update news_articles a set
                sentiment_score = u.score, sentiment_label = u.label, confidence = u.confidence,
                ml_sentiment_score = u.ml_score, ml_sentiment_confidence = u.ml_confidence,
                ml_sentiment_analysis = u.analysis::jsonb, ml_market_type = u.market_type,
                cryptobert_score = u.cryptobert_score, cryptobert_confidence = u.cryptobert_confidence
            from unnest(@ids, @scores, @labels, @confidences, @mlScores, @mlConfidences, @analyses, @marketTypes, @cryptobertScores, @cryptobertConfidences)
                as u(id, score, label, confidence, ml_score, ml_confidence, analysis, market_type, cryptobert_score, cryptobert_confidence)
            where a.id = u.id
            """,
            new
            {
                ids = updates.Select(u => u.Id).ToArray(),
                scores = updates.Select(u => u.Ensemble.Score).ToArray(),
                labels = updates.Select(u => u.Ensemble.Label).ToArray(),
                confidences = updates.Select(u => u.Ensemble.Confidence).ToArray(),
                mlScores = updates.Select(u => u.Ensemble.TransformerScore).ToArray(),
                mlConfidences = updates.Select(u => u.Ensemble.TransformerConfidence).ToArray(),
                analyses = updates.Select(u => u.Analysis).ToArray(),
                marketTypes = updates.Select(u => u.Ensemble.MarketType).ToArray(),
                cryptobertScores = updates.Select(u => u.CryptoBert.Item1).ToArray(),
                cryptobertConfidences = updates.Select(u => u.CryptoBert.Item2).ToArray(),
            }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }
}

public sealed record ModelCoverage(string Model, string Version, long Scored);

public sealed record ClassCount(string Label, long Count);

/// <summary>How much is scored, and how the ensemble's classes and scores are distributed over unique articles.</summary>
public sealed record SentimentStatus(
    long UniqueArticles,
    IReadOnlyList<ModelCoverage> Coverage,
    IReadOnlyList<ClassCount> Classes,
    double? Mean,
    double? StandardDeviation,
    double? Min,
    double? Max);

/// <summary>A result to store: which article, which model version, what it said.</summary>
public sealed record ScoredArticle(long ArticleId, string Model, string Version, SentimentResult Result);
