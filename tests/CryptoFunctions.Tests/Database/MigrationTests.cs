using CryptoFunctions.Core.Database;
using CryptoFunctions.Functions;
using CryptoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Xunit;

namespace CryptoFunctions.Tests.Database;

/// <summary>Each test gets a brand-new, empty database (no migrations applied).</summary>
public sealed class MigrationTests : IAsyncLifetime
{
    private readonly string _name = $"test_{Guid.NewGuid():N}";

    private string ConnectionString => new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresAdmin) { Database = _name }.ConnectionString;

    public async Task InitializeAsync() => await AdminAsync($"create database {_name}");

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"drop database if exists {_name} with (force)");
    }

    [Fact]
    public async Task Empty_database_gets_every_migration_and_a_rerun_is_a_no_op()
    {
        await using var services = Services();
        var migrator = services.GetRequiredService<DatabaseMigrator>();

        var first = await migrator.MigrateAsync(CancellationToken.None);
        var second = await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal(DatabaseMigrator.EmbeddedMigrations.Select(m => m.Version), first);
        Assert.Empty(second);
        Assert.Equal(DatabaseMigrator.EmbeddedMigrations.Count, await CountAsync("select count(*) from schema_migrations"));
        Assert.Equal(1, await CountAsync("select count(*) from information_schema.tables where table_name = 'news_articles'"));
    }

    [Fact]
    public async Task Concurrent_migrators_apply_each_migration_once()
    {
        await using var services = Services();
        var migrators = Enumerable.Range(0, 4).Select(_ => services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None));

        var results = await Task.WhenAll(migrators);

        Assert.Equal(DatabaseMigrator.EmbeddedMigrations.Count, results.Sum(r => r.Count));
        Assert.Equal(DatabaseMigrator.EmbeddedMigrations.Count, await CountAsync("select count(*) from schema_migrations"));
    }

    [Fact]
    public async Task An_edited_migration_is_refused()
    {
        await using var services = Services();
        var migrator = services.GetRequiredService<DatabaseMigrator>();
        await migrator.MigrateAsync(CancellationToken.None);
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var tamper = new NpgsqlCommand("update schema_migrations set checksum = 'x'", connection);
            await tamper.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.MigrateAsync(CancellationToken.None));
        Assert.Contains("was changed after it was applied", error.Message);
    }

    [Fact]
    public async Task Functions_host_start_up_migrates_the_database()
    {
        await using var provider = FunctionsTestHost.Build(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = ConnectionString,
            ["AzureWebJobsStorage"] = TestEnvironment.Storage,
        });

        await provider.GetServices<IHostedService>().OfType<MigrationHostedService>().Single().StartAsync(CancellationToken.None);

        Assert.Equal(DatabaseMigrator.EmbeddedMigrations.Count, await CountAsync("select count(*) from schema_migrations"));
    }

    private ServiceProvider Services()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(NpgsqlDataSource.Create(ConnectionString));
        services.AddTransient<DatabaseMigrator>();
        return services.BuildServiceProvider();
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(TestEnvironment.PostgresAdmin);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
