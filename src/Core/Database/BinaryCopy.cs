using Npgsql;

namespace CryptoFunctions.Core.Database;

/// <summary>Binary COPY of rows into a table, usually a temporary staging table.</summary>
public static class BinaryCopy
{
    public static async Task<ulong> WriteAsync<T>(
        NpgsqlConnection connection,
        string copyCommand,
        IEnumerable<T> rows,
        Func<NpgsqlBinaryImporter, T, CancellationToken, Task> writeRow,
        CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(copyCommand, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            await writeRow(importer, row, cancellationToken);
        }
        return await importer.CompleteAsync(cancellationToken);
    }
}
