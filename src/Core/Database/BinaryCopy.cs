using Npgsql;
using NpgsqlTypes;

namespace CryptoFunctions.Core.Database;

/// <summary>Binary COPY of rows into a table, usually a temporary staging table.</summary>
public static class BinaryCopy
{
    /// <summary>
    /// Rows are written synchronously into the importer's buffer: per-value async calls cost more than the
    /// rare blocking flush, which happens only when the buffer fills. Completion is awaited.
    /// </summary>
    public static async Task<ulong> WriteAsync<T>(
        NpgsqlConnection connection,
        string copyCommand,
        IEnumerable<T> rows,
        Action<NpgsqlBinaryImporter, T> writeRow,
        CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(copyCommand, cancellationToken);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            importer.StartRow();
            writeRow(importer, row);
        }
        return await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// The bulk upsert: in one transaction, create the staging table (<paramref name="createStaging"/>, a temporary
    /// table dropped on commit), COPY the rows into it, and run <paramref name="statement"/> over it, usually one
    /// INSERT … ON CONFLICT. Returns the rows the statement affected; nothing is written when the statement fails.
    /// </summary>
    public static async Task<int> ThroughStagingAsync<T>(
        NpgsqlDataSource dataSource,
        string createStaging,
        string copyCommand,
        IEnumerable<T> rows,
        Action<NpgsqlBinaryImporter, T> writeRow,
        string statement,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(createStaging, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        await WriteAsync(connection, copyCommand, rows, writeRow, cancellationToken);
        int affected;
        await using (var command = new NpgsqlCommand(statement, connection, transaction))
        {
            affected = await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return affected;
    }

    public static void WriteOrNull<T>(this NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type)
        where T : struct
    {
        if (value is { } v)
        {
            writer.Write(v, type);
        }
        else
        {
            writer.WriteNull();
        }
    }

    public static void WriteOrNull(this NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(value, type);
        }
    }
}
