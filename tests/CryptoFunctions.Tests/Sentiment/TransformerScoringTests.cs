using CryptoFunctions.Core.News;
using CryptoFunctions.Core.Sentiment;
using CryptoFunctions.Functions;
using CryptoFunctions.Tests.Infrastructure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CryptoFunctions.Tests.Sentiment;

/// <summary>
/// The whole real path with model packages present: queue message → tokenizers → ONNX Runtime → scores →
/// PostgreSQL, through the Functions host's own registration.
/// </summary>
public sealed class TransformerScoringTests : IAsyncLifetime
{
    private readonly CorpusEnvironment _corpus = new();

    private TestDatabase Database => _corpus.Database;

    public async Task InitializeAsync()
    {
        await _corpus.InitializeAsync();
        await using var services = Database.BuildServices(_corpus.Settings());
        await services.GetRequiredService<NewsCollector>().CollectAsync(services.GetRequiredService<NewsSourceCatalog>().Load(), CancellationToken.None);
    }

    public Task DisposeAsync() => _corpus.DisposeAsync();

    [Fact]
    public async Task Messages_in_give_a_row_per_model_and_the_transformer_columns_and_redelivery_changes_nothing()
    {
        await using var host = FunctionsHost(withModels: true);
        var function = ActivatorUtilities.CreateInstance<SentimentFunctions>(host);
        await host.GetRequiredService<SentimentRequestPublisher>().PublishAsync(await _corpus.UniqueArticleIdsAsync(), CancellationToken.None);
        var messages = await _corpus.DrainQueueAsync();

        foreach (var message in messages)
        {
            await function.ScoreSentiment(message, CancellationToken.None);
        }

        Assert.Equal("cryptobert:77 finbert:77 vader:77", await Database.ScalarAsync<string>(
            "select string_agg(model || ':' || n, ' ' order by model) from (select model, count(*) n from article_sentiment group by model) m"));
        Assert.Equal(77L, await Database.ScalarAsync<long>("""
            select count(*) from news_articles
            where ml_sentiment_score between -1 and 1 and ml_sentiment_confidence between 0 and 1
              and cryptobert_score between -1 and 1 and cryptobert_confidence between 0 and 1
              and ml_market_type in ('bullish', 'bearish', 'neutral')
              and ml_sentiment_analysis ?& array['finbert', 'cryptobert', 'vader']
            """));
        Assert.Equal(0L, await Database.ScalarAsync<long>("""
            select count(*) from article_sentiment
            where model <> 'vader' and abs((select sum(value::float8) from jsonb_each_text(probabilities)) - 1) > 1e-6
            """));
        var before = await Database.ScalarAsync<string>("select string_agg(id || ':' || xmin, ',' order by id) from news_articles");

        foreach (var message in messages)
        {
            await function.ScoreSentiment(message, CancellationToken.None);
        }

        Assert.Equal(231L, await Database.ScalarAsync<long>("select count(*) from article_sentiment"));
        Assert.Equal(before, await Database.ScalarAsync<string>("select string_agg(id || ':' || xmin, ',' order by id) from news_articles"));
    }

    [Fact]
    public async Task New_models_heal_by_themselves_through_the_sweeper()
    {
        var ids = await _corpus.UniqueArticleIdsAsync();
        await using (var vaderOnly = FunctionsHost(withModels: false))
        {
            await vaderOnly.GetRequiredService<SentimentScorer>().ScoreAsync(ids, null, CancellationToken.None);
        }
        await using var host = FunctionsHost(withModels: true);
        var function = ActivatorUtilities.CreateInstance<SentimentFunctions>(host);

        await function.SweepUnscored(new TimerInfo(), CancellationToken.None);
        var requeued = await _corpus.DrainQueueAsync();
        foreach (var message in requeued)
        {
            await function.ScoreSentiment(message, CancellationToken.None);
        }

        Assert.Equal(ids, requeued.SelectMany(m => SentimentRequest.FromJson(m).ArticleIds).Order().ToArray());
        Assert.Equal("cryptobert:77 finbert:77 vader:77", await Database.ScalarAsync<string>(
            "select string_agg(model || ':' || n, ' ' order by model) from (select model, count(*) n from article_sentiment group by model) m"));
        await function.SweepUnscored(new TimerInfo(), CancellationToken.None);
        Assert.Empty(await _corpus.DrainQueueAsync());
    }

    private ServiceProvider FunctionsHost(bool withModels) => FunctionsTestHost.Build(_corpus.Settings(withModels
        ? new Dictionary<string, string?> { ["Sentiment:ModelsPath"] = TestModelPackages.Folder }
        : null));
}
