using System.CommandLine;
using CryptoFunctions.Core.Database;
using CryptoFunctions.Core.News;
using CryptoFunctions.Core.Sentiment;
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
        var command = new Command("run", "Run the local pipeline (migrate, then collect and score news on a schedule) until Ctrl-C or SIGTERM.") { interval };
        command.SetAction((parse, ct) => CliHost.RunAsync(async (services, token) =>
        {
            var every = parse.GetValue(interval);
            if (every <= TimeSpan.Zero)
            {
                Console.Error.WriteLine("error: --news-interval must be positive");
                return 1;
            }
            var applied = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(token);
            Console.WriteLine(applied.Count == 0 ? "database schema is up to date" : $"database migrated: {string.Join(", ", applied)}");
            var catalog = services.GetRequiredService<NewsSourceCatalog>();
            var collector = services.GetRequiredService<NewsCollector>();
            var scorer = services.GetRequiredService<SentimentScorer>();
            var time = services.GetRequiredService<TimeProvider>();
            Console.WriteLine($"running: news every {every}, scored with {string.Join(", ", scorer.Models.Select(m => m.Name))}; Ctrl-C or SIGTERM stops");
            using var timer = new PeriodicTimer(every, time);
            try
            {
                do
                {
                    Console.WriteLine($"[{time.GetUtcNow():u}] collecting news");
                    try
                    {
                        // Locally the new articles are scored at once; on Azure they go through the queue.
                        var report = await collector.CollectAsync(catalog.Load(), token);
                        CollectionReportPrinter.Print(report, Console.Out);
                        var scoring = await scorer.ScoreAsync(report.NewArticleIds, modelName: null, token);
                        Console.WriteLine($"scored {scoring.Scored} new articles");
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
