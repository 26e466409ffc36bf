using System.CommandLine;
using System.Globalization;
using CryptoFunctions.Core.News;
using CryptoFunctions.Core.Sentiment;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunctions.Cli.Commands;

public static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Show what the database holds and how each source is doing.");
        command.SetAction((_, ct) => CliHost.RunAsync(async (services, token) =>
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var status = await services.GetRequiredService<NewsRepository>().GetStatusAsync(now, token);
            Console.WriteLine($"articles: {status.Articles} ({status.Unique} unique, {status.Duplicates} syndicated copies)");
            Console.WriteLine($"published in the last 24 h: {status.Last24Hours}, last 7 d: {status.Last7Days}, newest: {Format(status.Newest)}");
            Console.WriteLine();
            var width = Math.Max(6, status.Sources.Select(s => s.Id.Length).DefaultIfEmpty(0).Max());
            Console.WriteLine($"{"source".PadRight(width)}  {"total",7}  {"24 h",6}  {"7 d",6}  {"last success",-17}  last error");
            foreach (var s in status.Sources)
            {
                var error = s.LastError is null ? "-" : $"{Format(s.LastErrorAt)} {s.LastError}";
                Console.WriteLine($"{s.Id.PadRight(width)}  {s.Articles,7}  {s.Last24Hours,6}  {s.Last7Days,6}  {Format(s.LastSuccessAt),-17}  {error}");
            }
            await PrintSentimentAsync(services, token);
            return 0;
        }, ct));
        return command;
    }

    private static async Task PrintSentimentAsync(IServiceProvider services, CancellationToken token)
    {
        var models = services.GetRequiredService<SentimentScorer>().Models;
        var sentiment = await services.GetRequiredService<SentimentRepository>().GetStatusAsync(models, token);
        Console.WriteLine();
        Console.WriteLine("sentiment coverage of unique articles:");
        foreach (var c in sentiment.Coverage)
        {
            Console.WriteLine($"  {c.Model} {c.Version}: {c.Scored} of {sentiment.UniqueArticles} ({Percent(c.Scored, sentiment.UniqueArticles)})");
        }
        var scored = sentiment.Classes.Sum(c => c.Count);
        Console.WriteLine();
        Console.WriteLine($"{"class",-14}  {"count",7}  {"%",6}");
        foreach (var label in SentimentEnsemble.Classes)
        {
            var count = sentiment.Classes.FirstOrDefault(c => c.Label == label)?.Count ?? 0;
            Console.WriteLine($"{label,-14}  {count,7}  {Percent(count, scored),6}");
        }
        Console.WriteLine(sentiment.Mean is null
            ? "no article scored yet"
            : string.Create(CultureInfo.InvariantCulture,
                $"score mean {sentiment.Mean:0.0000}, standard deviation {sentiment.StandardDeviation ?? 0:0.0000}, range {sentiment.Min:0.0000} to {sentiment.Max:0.0000}"));
        try
        {
            var poison = await services.GetRequiredService<SentimentRequestPublisher>().PoisonCountAsync(token);
            Console.WriteLine($"poison messages (failed sentiment requests): {poison}");
        }
        catch (Exception e) when (SentimentRequestPublisher.IsStorageFailure(e))
        {
            Console.WriteLine($"poison messages: queue unreachable ({e.Message.Split('\n')[0].Trim()})");
        }
    }

    private static string Percent(long part, long whole) =>
        whole == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / whole:0.0}%");

    private static string Format(DateTimeOffset? value) =>
        value?.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? "never";
}
