using System.Text.Json;
using Dapper;
using Npgsql;

namespace CryptoFunctions.Core.Backfill;

/// <summary>Which chunks of a local backfill are done, so a stopped run resumes where it stopped.</summary>
public sealed class BackfillCheckpoints(NpgsqlDataSource dataSource)
{
    /// <summary>Registers the run (once per request) and returns the keys of its chunks already done.</summary>
    public async Task<IReadOnlySet<string>> StartAsync(BackfillRequest request, bool forget, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (forget)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "delete from backfill_runs where id = @id", new { id = request.InstanceId }, cancellationToken: cancellationToken));
        }
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into backfill_runs (id, request) values (@id, @request::jsonb)
            on conflict (id) do update set finished_at = null
            """, new { id = request.InstanceId, request = JsonSerializer.Serialize(request) }, cancellationToken: cancellationToken));
        var done = await connection.QueryAsync<string>(new CommandDefinition(
            "select chunk_key from backfill_chunks where run_id = @id and status = 'done'", new { id = request.InstanceId }, cancellationToken: cancellationToken));
        return done.ToHashSet(StringComparer.Ordinal);
    }

    public async Task RecordAsync(BackfillRequest request, BackfillChunk chunk, int attempts, long rows, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into backfill_chunks (run_id, chunk_key, kind, status, attempts, rows, error)
            values (@run, @key, @kind, @status, @attempts, @rows, @error)
            on conflict (run_id, chunk_key) do update set status = excluded.status, attempts = backfill_chunks.attempts + excluded.attempts,
                rows = excluded.rows, error = excluded.error, updated_at = clock_timestamp()
            """,
            new { run = request.InstanceId, key = chunk.Key, kind = chunk.Kind.ToString().ToLowerInvariant(), status = error is null ? "done" : "failed", attempts, rows, error },
            cancellationToken: cancellationToken));
    }

    public async Task FinishAsync(BackfillRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "update backfill_runs set finished_at = clock_timestamp() where id = @id", new { id = request.InstanceId }, cancellationToken: cancellationToken));
    }
}
