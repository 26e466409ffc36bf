using Microsoft.Extensions.Hosting;

namespace CryptoFunctions.Core.Database;

/// <summary>Brings the schema up to date when a host starts, before any trigger runs.</summary>
public sealed class MigrationHostedService(DatabaseMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
