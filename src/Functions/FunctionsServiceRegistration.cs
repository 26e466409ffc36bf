using CryptoFunctions.Core;
using CryptoFunctions.Core.Database;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunctions.Functions;

public static class FunctionsServiceRegistration
{
    /// <summary>The Functions host's services: Core, migrations at start-up, and Application Insights.</summary>
    public static IServiceCollection AddCryptoFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCryptoCore(configuration);
        services.AddHostedService<MigrationHostedService>();
        services.AddApplicationInsightsTelemetryWorkerService();
        services.ConfigureFunctionsApplicationInsights();
        return services;
    }
}
