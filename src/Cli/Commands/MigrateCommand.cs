using System.CommandLine;
using CryptoFunctions.Core.Database;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunctions.Cli.Commands;

public static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply the database migrations that are not applied yet.");
        command.SetAction((_, ct) => CliHost.RunAsync(async (services, token) =>
        {
            var applied = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(token);
            Console.WriteLine(applied.Count == 0 ? "schema is up to date" : $"applied {string.Join(", ", applied)}");
            return 0;
        }, ct));
        return command;
    }
}
