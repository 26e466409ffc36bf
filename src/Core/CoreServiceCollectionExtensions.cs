using CryptoFunctions.Core.Backfill;
using CryptoFunctions.Core.Database;
using CryptoFunctions.Core.Features;
using CryptoFunctions.Core.Http;
using CryptoFunctions.Core.News;
using CryptoFunctions.Core.Operations;
using CryptoFunctions.Core.Prices;
using CryptoFunctions.Core.Sentiment;
using CryptoFunctions.Core.Universe;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

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
        services.AddSingleton<NewsArchiveImporter>();
        services.AddSingleton<SentimentRequestPublisher>();
        services.AddOptions<SentimentOptions>().Bind(configuration.GetSection(SentimentOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SentimentModels>();
        services.AddSingleton<SentimentEnsemble>();
        services.AddSingleton<SentimentRepository>();
        services.AddSingleton<SentimentScorer>();
        services.AddSingleton<SentimentSweeper>();
        services.AddSingleton<HealthService>();
        services.AddResilientHttpClient<FeedFetcher, NewsOptions>(FeedFetcher.HttpClientName);

        services.AddOptions<PriceOptions>().Bind(configuration.GetSection(PriceOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddResilientHttpClient<MarketsClient, PriceOptions>(MarketsClient.HttpClientName);
        services.AddResilientHttpClient<KlinesClient, PriceOptions>(KlinesClient.HttpClientName);
        services.AddSingleton<PriceRepository>();
        services.AddSingleton<PriceCollector>();

        services.AddOptions<FeatureOptions>().Bind(configuration.GetSection(FeatureOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FeatureRepository>();
        services.AddSingleton<FeatureMaterializer>();

        services.AddOptions<BackfillOptions>().Bind(configuration.GetSection(BackfillOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddResilientHttpClient<WordPressClient, NewsOptions>(WordPressClient.HttpClientName);
        services.AddSingleton<BackfillPlanner>();
        services.AddSingleton<BackfillRunner>();
        services.AddSingleton<BackfillCheckpoints>();
        services.AddSingleton<LocalBackfill>();
        return services;
    }
}
