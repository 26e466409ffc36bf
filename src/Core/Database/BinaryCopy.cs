using Npgsql;

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
}
