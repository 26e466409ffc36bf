using CryptoFunctions.Core.Database;
using CryptoFunctions.Core.News;
using CryptoFunctions.Core.Operations;
using CryptoFunctions.Core.Sentiment;
using CryptoFunctions.Core.Universe;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;

namespace CryptoFunctions.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Everything Core offers, configured from <paramref name="configuration"/>; each host adds only its own pieces.</summary>
    public static IServiceCollection AddCryptoCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .Configure(o => o.ConnectionString ??= configuration.GetConnectionString(DatabaseOptions.ConnectionStringName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<NewsOptions>().Bind(configuration.GetSection(NewsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<UniverseOptions>().Bind(configuration.GetSection(UniverseOptions.SectionName));
        services.AddOptions<SentimentQueueOptions>()
            .Bind(configuration.GetSection(SentimentQueueOptions.SectionName))
            .Configure(o => o.ConnectionString ??= configuration["AzureWebJobsStorage"])
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(sp =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var builder = new NpgsqlDataSourceBuilder(database.ConnectionString);
            builder.ConnectionStringBuilder.CommandTimeout = database.CommandTimeoutSeconds;
            return builder.Build();
        });
        services.AddSingleton<DatabaseMigrator>();

        services.AddSingleton(sp => CoinUniverse.Load(sp.GetRequiredService<IOptions<UniverseOptions>>().Value.File));
        services.AddSingleton<SymbolTagger>();
        services.AddSingleton<ArticleNormalizer>();
        services.AddSingleton<NewsSourceCatalog>();
        services.AddSingleton<NewsRepository>();
        services.AddSingleton<NewsCollector>();
        services.AddSingleton<NewsCycle>();
        services.AddSingleton<SentimentRequestPublisher>();
        services.AddOptions<SentimentOptions>().Bind(configuration.GetSection(SentimentOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SentimentModels>();
        services.AddSingleton<SentimentEnsemble>();
        services.AddSingleton<SentimentRepository>();
        services.AddSingleton<SentimentScorer>();
        services.AddSingleton<SentimentSweeper>();
        services.AddSingleton<HealthService>();
        AddFeedClient(services);
        return services;
    }

    private static void AddFeedClient(IServiceCollection services)
    {
        services.AddHttpClient<FeedFetcher>(FeedFetcher.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = 5,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            // Retry and per-attempt timeout only: a circuit breaker shared by all sources would let one
            // bad feed stop the others, and the collector already bounds each source's total time.
            .AddResilienceHandler("news-feeds", (pipeline, context) =>
            {
                var news = context.ServiceProvider.GetRequiredService<IOptions<NewsOptions>>().Value;
                if (news.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = news.MaxRetries,
                        Delay = news.RetryBaseDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldRetryAfterHeader = true,
                        ShouldHandle = args => ValueTask.FromResult(
                            HttpClientResiliencePredicates.IsTransient(args.Outcome) && !AsksToWaitTooLong(args.Outcome.Result, news.MaxRetryAfter)),
                    });
                }
                pipeline.AddTimeout(news.AttemptTimeout);
            });
    }

    private static bool AsksToWaitTooLong(HttpResponseMessage? response, TimeSpan max)
    {
        var retryAfter = response?.Headers.RetryAfter;
        var wait = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return wait > max;
    }
}
