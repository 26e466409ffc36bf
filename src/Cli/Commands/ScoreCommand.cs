using System.CommandLine;
using CryptoFunctions.Core.Sentiment;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoFunctions.Cli.Commands;

public static class ScoreCommand
{
    public static Command Create()
    {
        var all = new Option<bool>("--all-unscored") { Description = "Score every unscored article, not only those of the last 24 hours." };
        var model = new Option<string?>("--model") { Description = "Score with this model only (default: every active model)." };
        var command = new Command("score", "Score unscored articles with the sentiment models.") { all, model };
        command.SetAction((parse, ct) => CliHost.RunAsync(async (services, token) =>
        {
            var scorer = services.GetRequiredService<SentimentScorer>();
            var repository = services.GetRequiredService<SentimentRepository>();
            var batchSize = services.GetRequiredService<IOptions<SentimentOptions>>().Value.BatchSize;
            var models = scorer.Select(parse.GetValue(model));
            DateTimeOffset? since = parse.GetValue(all) ? null : services.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(-1);

            var total = await repository.CountUnscoredAsync(models, since, token);
            Console.WriteLine($"{total:N0} articles to score with {string.Join(", ", models.Select(m => $"{m.Name} {m.Version}"))}");
            var progress = new ProgressBar(total, "articles");
            long afterId = 0, scored = 0;
            while (await repository.UnscoredAsync(models, afterId, since, batchSize, token) is { Count: > 0 } ids)
            {
                var report = await scorer.ScoreAsync(ids, parse.GetValue(model), token);
                scored += report.Scored;
                afterId = ids[^1];
                progress.Advance(ids.Count);
            }
            progress.Finish();
            Console.WriteLine($"stored {scored:N0} model results");
            return 0;
        }, ct));
        return command;
    }
}
