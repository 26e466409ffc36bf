using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CryptoFunctions.Core.Database;

/// <summary>
/// Applies the versioned SQL scripts embedded in this assembly, each once, in name order.
/// A session advisory lock serialises migrators, so two hosts starting together never race.
/// </summary>
public sealed class DatabaseMigrator(NpgsqlDataSource dataSource, ILogger<DatabaseMigrator> logger)
{
    // Arbitrary constant shared by every instance of this application ("cryptofn" in ASCII).
    private const long AdvisoryLockKey = 0x63727970746f666e;
    private const string ResourcePrefix = "migrations/";

    public static IReadOnlyList<Migration> EmbeddedMigrations { get; } = LoadEmbedded();

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "select pg_advisory_lock(@key)", new { key = AdvisoryLockKey }, cancellationToken: cancellationToken));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                create table if not exists schema_migrations (
                    version    text primary key,
                    checksum   text not null,
                    applied_at timestamptz not null default now()
                )
                """, cancellationToken: cancellationToken));

            var applied = (await connection.QueryAsync<(string Version, string Checksum)>(new CommandDefinition(
                "select version, checksum from schema_migrations", cancellationToken: cancellationToken)))
                .ToDictionary(r => r.Version, r => r.Checksum, StringComparer.Ordinal);

            var newlyApplied = new List<string>();
            foreach (var migration in EmbeddedMigrations)
            {
                if (applied.TryGetValue(migration.Version, out var checksum))
                {
                    if (checksum != migration.Checksum)
                    {
                        throw new InvalidOperationException(
                            $"Migration {migration.Version} was changed after it was applied; add a new migration instead.");
                    }
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(
                    "insert into schema_migrations (version, checksum) values (@Version, @Checksum)",
                    migration, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied migration {Version}", migration.Version);
                newlyApplied.Add(migration.Version);
            }
            return newlyApplied;
        }
        finally
        {
            await connection.ExecuteAsync("select pg_advisory_unlock(@key)", new { key = AdvisoryLockKey });
        }
    }

    private static List<Migration> LoadEmbedded()
    {
        var assembly = typeof(DatabaseMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => Read(assembly, n))
            .ToList();
    }

    private static Migration Read(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var sql = reader.ReadToEnd();
        var version = Path.GetFileNameWithoutExtension(resourceName[ResourcePrefix.Length..]);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));
        return new Migration(version, checksum, sql);
    }

    public sealed record Migration(string Version, string Checksum, string Sql);
}
