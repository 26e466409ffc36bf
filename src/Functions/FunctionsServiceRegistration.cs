using CryptoFunctions.Core;
using CryptoFunctions.Core.Database;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoFunctions.Functions;

public static class FunctionsServiceRegistration
{
    private const string ApplicationInsightsLoggerProvider = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    /// <summary>The Functions host's services: Core, migrations at start-up, and Application Insights.</summary>
    public static IServiceCollection AddCryptoFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCryptoCore(configuration);
        services.AddHostedService<MigrationHostedService>();
        services.AddApplicationInsightsTelemetryWorkerService();
        services.ConfigureFunctionsApplicationInsights();
        // The Application Insights SDK adds a rule that keeps only warnings; the collection summaries are
        // information, and the levels in host.json / app settings should decide instead.
        services.Configure<LoggerFilterOptions>(options =>
        {
            var warningsOnly = options.Rules.FirstOrDefault(r => r.ProviderName == ApplicationInsightsLoggerProvider);
            if (warningsOnly is not null)
            {
                options.Rules.Remove(warningsOnly);
            }
        });
        return services;
    }
}
