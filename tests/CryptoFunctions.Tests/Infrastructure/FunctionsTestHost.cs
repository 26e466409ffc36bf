using CryptoFunctions.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunctions.Tests.Infrastructure;

/// <summary>Services built the way the Functions host builds them (its own registration), from test settings.</summary>
public static class FunctionsTestHost
{
    public static ServiceProvider Build(IDictionary<string, string?> settings, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }
        services.AddSingleton<IConfiguration>(configuration);
        services.AddCryptoFunctions(configuration);
        return services.BuildServiceProvider();
    }
}
