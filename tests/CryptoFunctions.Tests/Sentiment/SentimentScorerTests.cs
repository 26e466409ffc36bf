using System.Text;
using CryptoFunctions.Core.News;
using CryptoFunctions.Core.Sentiment;
using CryptoFunctions.Functions;
using CryptoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace CryptoFunctions.Tests.Sentiment;

/// <summary>Scoring against real PostgreSQL (and Azurite for the queue side), with the default VADER model.</summary>
public sealed class SentimentScorerTests : IAsyncLifetime
{
    private readonly CorpusEnvironment _corpus = new();
    private ServiceProvider _services = null!;

    private TestDatabase Database => _corpus.Database;

    private SentimentScorer Scorer => _services.GetRequiredService<SentimentScorer>();

    public async Task InitializeAsync()
    {
        await _corpus.InitializeAsync();
        _services = Database.BuildServices(_corpus.Settings());
        await _services.GetRequiredService<NewsCollector>().CollectAsync(
            _services.GetRequiredService<NewsSourceCatalog>().Load(), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _corpus.DisposeAsync();
    }

    [Fact]
    public async Task Articles_get_a_row_per_model_version_and_the_ensemble_columns()
    {
        var ids = await _corpus.UniqueArticleIdsAsync();

        var report = await Scorer.ScoreAsync(ids, modelName: null, CancellationToken.None);

        Assert.Equal(77, report.Scored);
        Assert.Equal(77L, await Database.ScalarAsync<long>("select count(*) from article_sentiment where model = 'vader' and model_version = '1.1.3+crypto.1'"));
        Assert.Equal(77L, await Database.ScalarAsync<long>(
            "select count(*) from news_articles where sentiment_score is not null and sentiment_label is not null and confidence is not null and ml_market_type is not null"));
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from news_articles where ml_sentiment_score is not null or cryptobert_score is not null"));
        // The DAI depeg headline is bad news, and the ensemble says so.
        Assert.Equal("bearish", await Database.ScalarAsync<string>("select ml_market_type from news_articles where title like 'DAI Depegs%'"));
        Assert.Equal("vader", await Database.ScalarAsync<string>(
            "select jsonb_object_keys(ml_sentiment_analysis) from news_articles where title like 'DAI Depegs%'"));
    }

    [Fact]
    public async Task Repeated_delivery_changes_nothing()
    {
        var ids = await _corpus.UniqueArticleIdsAsync();
        await Scorer.ScoreAsync(ids, null, CancellationToken.None);
        var before = await Database.ScalarAsync<string>("select string_agg(article_id || ':' || scored_at, ',' order by article_id) from article_sentiment");
        var articlesBefore = await Database.ScalarAsync<string>("select string_agg(id || ':' || xmin, ',' order by id) from news_articles");

        var again = await Scorer.ScoreAsync(ids, null, CancellationToken.None);

        Assert.Equal(0, again.Scored);
        Assert.Equal(77, again.AlreadyScored);
        Assert.Equal(before, await Database.ScalarAsync<string>("select string_agg(article_id || ':' || scored_at, ',' order by article_id) from article_sentiment"));
        Assert.Equal(articlesBefore, await Database.ScalarAsync<string>("select string_agg(id || ':' || xmin, ',' order by id) from news_articles"));
    }

    [Fact]
    public async Task Missing_articles_are_reported_and_the_rest_scored()
    {
        var ids = await _corpus.UniqueArticleIdsAsync();

        var report = await Scorer.ScoreAsync([ids[0], 999_999_999], null, CancellationToken.None);

        Assert.Equal(1, report.Missing);
        Assert.Equal(1, report.Scored);
    }

    [Fact]
    public async Task Empty_whitespace_and_100_KB_texts_are_scored_in_one_batch()
    {
        var ids = await _corpus.UniqueArticleIdsAsync();
        var huge = string.Join(' ', Enumerable.Repeat("Bitcoin rally lifts the whole market while regulators stay calm.", 1700));
        Assert.True(Encoding.UTF8.GetByteCount(huge) > 100_000);
        await ExecuteAsync("update news_articles set title = ' ', summary = null where id = @id", ids[0]);
        await ExecuteAsync("update news_articles set summary = '   ' where id = @id", ids[1]);
        await ExecuteAsync($"update news_articles set summary = '{huge}' where id = @id", ids[2]);

        var report = await Scorer.ScoreAsync(ids[..3], null, CancellationToken.None);

        Assert.Equal(3, report.Scored);
        Assert.Equal("neutral", await Database.ScalarAsync<string>($"select label from article_sentiment where article_id = {ids[0]}"));
        Assert.True(await Database.ScalarAsync<double>($"select score from article_sentiment where article_id = {ids[2]}") > 0.9);
    }

    [Fact]
    public async Task Unknown_model_is_refused_with_the_known_ones()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Scorer.Select("finbert"));

        Assert.Equal("Unknown sentiment model 'finbert'; active models: vader.", error.Message);
    }

    [Fact]
    public async Task ScoreSentiment_takes_the_collected_messages_and_refuses_a_bad_one_without_writing()
    {
        await using var host = FunctionsHost();
        var function = ActivatorUtilities.CreateInstance<SentimentFunctions>(host);
        // The corpus was collected once already in InitializeAsync: queue the unique ids the way CollectNews would.
        await host.GetRequiredService<SentimentRequestPublisher>().PublishAsync(await _corpus.UniqueArticleIdsAsync(), CancellationToken.None);

        await Assert.ThrowsAsync<FormatException>(() => function.ScoreSentiment("{\"version\": 2, \"articleIds\": [1]}", CancellationToken.None));
        await Assert.ThrowsAsync<FormatException>(() => function.ScoreSentiment("not json", CancellationToken.None));
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from article_sentiment"));

        foreach (var message in await _corpus.DrainQueueAsync())
        {
            await function.ScoreSentiment(message, CancellationToken.None);
        }

        Assert.Equal(77L, await Database.ScalarAsync<long>("select count(*) from article_sentiment"));
    }

    [Fact]
    public async Task Sweeper_requeues_exactly_the_unscored()
    {
        var ids = await _corpus.UniqueArticleIdsAsync();
        await Scorer.ScoreAsync(ids[..70], null, CancellationToken.None);
        await using var host = FunctionsHost();

        await ActivatorUtilities.CreateInstance<SentimentFunctions>(host).SweepUnscored(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);

        var requeued = (await _corpus.DrainQueueAsync()).SelectMany(m => SentimentRequest.FromJson(m).ArticleIds).Order().ToArray();
        Assert.Equal(ids[70..], requeued);
    }

    private ServiceProvider FunctionsHost() => FunctionsTestHost.Build(_corpus.Settings());

    private async Task ExecuteAsync(string sql, long id)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
    }
}
