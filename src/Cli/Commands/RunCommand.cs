using System.CommandLine;
using CryptoFunctions.Core.Database;
using CryptoFunctions.Core.News;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunctions.Cli.Commands;

public static class RunCommand
{
    public static Command Create()
    {
        var interval = new Option<TimeSpan>("--news-interval")
        {
            Description = "Time between news collections.",
            DefaultValueFactory = _ => TimeSpan.FromMinutes(5),
        };
        var command = new Command("run", "Run the local pipeline (migrate, then collect news on a schedule) until Ctrl-C or SIGTERM.") { interval };
        command.SetAction((parse, ct) => CliHost.RunAsync(async (services, token) =>
        {
            var every = parse.GetValue(interval);
            if (every <= TimeSpan.Zero)
            {
                Console.Error.WriteLine("error: --news-interval must be positive");
                return 1;
            }
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(token);
            var cycle = services.GetRequiredService<NewsCycle>();
            var time = services.GetRequiredService<TimeProvider>();
            Console.WriteLine($"running: news every {every}; Ctrl-C or SIGTERM stops");
            using var timer = new PeriodicTimer(every, time);
            try
            {
                do
                {
                    Console.WriteLine($"[{time.GetUtcNow():u}] collecting news");
                    try
                    {
                        CollectionReportPrinter.Print(await cycle.RunAsync(token), Console.Out);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // An outage (database, storage) fails this cycle only; the next tick tries again.
                        Console.Error.WriteLine($"cycle failed: {e.GetType().Name}: {e.Message}");
                    }
                }
                while (await timer.WaitForNextTickAsync(token));
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Stopping between or inside a cycle is the normal way out; a cycle's store is one transaction.
            }
            Console.WriteLine("stopped cleanly");
            return 0;
        }, ct));
        return command;
    }
}
