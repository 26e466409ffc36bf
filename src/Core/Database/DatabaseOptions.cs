using System.ComponentModel.DataAnnotations;

namespace CryptoFunctions.Core.Database;

/// <summary>PostgreSQL settings. The connection string itself comes from <c>ConnectionStrings:Postgres</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "Postgres";

    [Required(ErrorMessage = "ConnectionStrings:Postgres (env ConnectionStrings__Postgres) is not set.")]
    public string? ConnectionString { get; set; }

    [Range(1, 3600)]
    public int CommandTimeoutSeconds { get; set; } = 120;
}
