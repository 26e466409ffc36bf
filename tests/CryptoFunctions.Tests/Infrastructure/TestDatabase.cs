using CryptoFunctions.Core;
using CryptoFunctions.Core.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace CryptoFunctions.Tests.Infrastructure;

/// <summary>A fresh, migrated PostgreSQL database for one test class, dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncLifetime
{
    public string Name { get; } = $"test_{Guid.NewGuid():N}";

    public string ConnectionString => new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresAdmin) { Database = Name }.ConnectionString;

    public async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(TestEnvironment.PostgresAdmin))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {Name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        await using var services = BuildServices();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestEnvironment.PostgresAdmin);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists {Name} with (force)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>The settings a host would have, pointed at this database and Azurite, plus the test's own.</summary>
    public Dictionary<string, string?> Settings(IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = ConnectionString,
            ["AzureWebJobsStorage"] = TestEnvironment.Storage,
            // Short budgets keep the failure tests quick; the defaults are for the real internet.
            ["News:AttemptTimeout"] = "00:00:01",
            ["News:SourceTimeout"] = "00:00:04",
            ["News:RetryBaseDelay"] = "00:00:00.050",
            ["News:MaxRetries"] = "2",
            ["News:MaxRetryAfter"] = "00:00:02",
            ["Prices:AttemptTimeout"] = "00:00:02",
            ["Prices:RetryBaseDelay"] = "00:00:00.050",
            ["Prices:MaxRetries"] = "2",
            ["Prices:MaxRetryAfter"] = "00:00:02",
            // VADER only unless a test adds model packages: models a developer keeps in models/ stay out.
            ["Sentiment:ModelsPath"] = Path.Combine(AppContext.BaseDirectory, "no-models"),
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }
        return settings;
    }

    public ServiceProvider BuildServices(IEnumerable<KeyValuePair<string, string?>>? overrides = null, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(overrides)).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }
        services.AddSingleton<IConfiguration>(configuration);
        services.AddCryptoCore(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
