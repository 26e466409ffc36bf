using System.CommandLine;
using CryptoFunctions.Core.Database;
using CryptoFunctions.Core.Features;
using CryptoFunctions.Core.News;
using CryptoFunctions.Core.Prices;
using CryptoFunctions.Core.Sentiment;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunctions.Cli.Commands;

public static class RunCommand
{
    public static Command Create()
    {
        var interval = new Option<TimeSpan>("--interval", "--news-interval")
        {
            Description = "Time between pipeline cycles (news, sentiment, prices, features).",
            DefaultValueFactory = _ => TimeSpan.FromMinutes(5),
        };
        var command = new Command("run", "Run the local pipeline (migrate, then collect and score news, collect prices and update features on a schedule) until Ctrl-C or SIGTERM.") { interval };
        command.SetAction((parse, ct) => CliHost.RunAsync(async (services, token) =>
        {
            var every = parse.GetValue(interval);
            if (every <= TimeSpan.Zero)
            {
                Console.Error.WriteLine("error: --interval must be positive");
                return 1;
            }
            var applied = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(token);
            Console.WriteLine(applied.Count == 0 ? "database schema is up to date" : $"database migrated: {string.Join(", ", applied)}");
            var catalog = services.GetRequiredService<NewsSourceCatalog>();
            var collector = services.GetRequiredService<NewsCollector>();
            var scorer = services.GetRequiredService<SentimentScorer>();
            var prices = services.GetRequiredService<PriceCollector>();
            var features = services.GetRequiredService<FeatureMaterializer>();
            var time = services.GetRequiredService<TimeProvider>();
            Console.WriteLine($"running: news, prices and features every {every}, scored with {string.Join(", ", scorer.Models.Select(m => m.Name))}; Ctrl-C or SIGTERM stops");
            using var timer = new PeriodicTimer(every, time);
            try
            {
                do
                {
                    Console.WriteLine($"[{time.GetUtcNow():u}] collecting news");
                    await StepAsync("news", async () =>
                    {
                        // Locally the new articles are scored at once; on Azure they go through the queue.
                        var report = await collector.CollectAsync(catalog.Load(), token);
                        CollectionReportPrinter.Print(report, Console.Out);
                        var scoring = await scorer.ScoreAsync(report.NewArticleIds, modelName: null, token);
                        Console.WriteLine($"scored {scoring.Scored} new articles");
                    });
                    // Each step fails alone: a news outage must not stop prices, nor prices the features.
                    await StepAsync("prices", async () => PriceReportPrinter.Print(await prices.CollectAsync(token), Console.Out));
                    await StepAsync("features", async () =>
                    {
                        var report = await features.UpdateAsync(progress: null, token);
                        Console.WriteLine($"features: {report.RowsComputed:N0} rows computed, {report.RowsWritten:N0} written");
                    });
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

    private static async Task StepAsync(string name, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An outage (database, storage, an API) fails this step of this cycle only; the next tick tries again.
            Console.Error.WriteLine($"{name} failed: {e.GetType().Name}: {e.Message}");
        }
    }
}
