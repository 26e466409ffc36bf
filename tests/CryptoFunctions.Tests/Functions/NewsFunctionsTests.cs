using System.Text.Json;
using Azure.Storage.Queues;
using CryptoFunctions.Core.Sentiment;
using CryptoFunctions.Functions;
using CryptoFunctions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CryptoFunctions.Tests.Functions;

/// <summary>
/// Function classes invoked in-process, built through the Functions project's own service registration,
/// against real PostgreSQL and Azurite.
/// </summary>
public sealed class NewsFunctionsTests : IAsyncLifetime
{
    private readonly CorpusEnvironment _corpus = new();

    private TestDatabase Database => _corpus.Database;

    public Task InitializeAsync() => _corpus.InitializeAsync();

    public Task DisposeAsync() => _corpus.DisposeAsync();

    private ServiceProvider FunctionsHost(string? storage = null) =>
        FunctionsTestHost.Build(_corpus.Settings(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = storage ?? TestEnvironment.Storage }));

    [Fact]
    public async Task CollectNews_stores_articles_and_enqueues_their_ids_in_batches()
    {
        await using var host = FunctionsHost();
        var function = ActivatorUtilities.CreateInstance<NewsFunctions>(host);

        await function.CollectNews(new TimerInfo(), CancellationToken.None);

        var requests = (await _corpus.DrainQueueAsync()).Select(SentimentRequest.FromJson).ToList();

        Assert.Equal([32, 32, 13], requests.Select(r => r.ArticleIds.Count).Order().Reverse());
        Assert.All(requests, r => Assert.Equal(SentimentRequest.CurrentVersion, r.Version));
        var queued = requests.SelectMany(r => r.ArticleIds).Order().ToList();
        Assert.Equal(await _corpus.UniqueArticleIdsAsync(), queued);
    }

    [Fact]
    public async Task CollectNews_run_again_enqueues_nothing_more()
    {
        await using var host = FunctionsHost();
        var function = ActivatorUtilities.CreateInstance<NewsFunctions>(host);

        await function.CollectNews(new TimerInfo(), CancellationToken.None);
        await function.CollectNews(new TimerInfo(), CancellationToken.None);

        var properties = await new QueueClient(TestEnvironment.Storage, _corpus.QueueName).GetPropertiesAsync();
        Assert.Equal(3, properties.Value.ApproximateMessagesCount);
        Assert.Equal(78L, await Database.ScalarAsync<long>("select count(*) from news_articles"));
    }

    [Fact]
    public async Task Health_reports_database_queue_and_sources()
    {
        await using var host = FunctionsHost();
        await ActivatorUtilities.CreateInstance<NewsFunctions>(host).CollectNews(new TimerInfo(), CancellationToken.None);
        var health = ActivatorUtilities.CreateInstance<HealthFunctions>(host);

        var result = Assert.IsType<ObjectResult>(await health.Health(new DefaultHttpContext().Request, CancellationToken.None));

        Assert.Equal(StatusCodes.Status200OK, result.StatusCode);
        var json = JsonSerializer.SerializeToElement(result.Value);
        Assert.True(json.GetProperty("Healthy").GetBoolean());
        Assert.Equal(12, json.GetProperty("Sources").GetArrayLength());
        Assert.All(json.GetProperty("Sources").EnumerateArray(), s => Assert.NotEqual(JsonValueKind.Null, s.GetProperty("LastSuccessAt").ValueKind));
    }

    [Fact]
    public async Task Health_is_503_when_the_queue_is_unreachable()
    {
        // A port nothing listens on: the storage account cannot be reached.
        await using var host = FunctionsHost("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;");
        var health = ActivatorUtilities.CreateInstance<HealthFunctions>(host);

        var started = TimeProvider.System.GetTimestamp();
        var result = Assert.IsType<ObjectResult>(await health.Health(new DefaultHttpContext().Request, CancellationToken.None));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, result.StatusCode);
        // A probe must not sit through the storage SDK's retries.
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10), "health check waited on retries");
        var json = JsonSerializer.SerializeToElement(result.Value);
        Assert.True(json.GetProperty("Database").GetProperty("Healthy").GetBoolean());
        Assert.False(json.GetProperty("Queue").GetProperty("Healthy").GetBoolean());
    }

    [Fact]
    public async Task Application_Insights_is_not_limited_to_warnings()
    {
        await using var host = FunctionsHost();

        var filters = host.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.Extensions.Logging.LoggerFilterOptions>>().Value;

        Assert.DoesNotContain(filters.Rules, r => r.ProviderName?.EndsWith("ApplicationInsightsLoggerProvider", StringComparison.Ordinal) == true);
    }
}
