namespace CryptoFunctions.Core.Database;

/// <summary>timestamptz values read through Dapper as DateTime, made UTC instants whatever Kind they arrive with.</summary>
public static class DatabaseTime
{
    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
