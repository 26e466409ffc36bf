using System.CommandLine;
using System.Globalization;
using CryptoFunctions.Core.Features;
using CryptoFunctions.Core.News;
using CryptoFunctions.Core.Prices;
using CryptoFunctions.Core.Sentiment;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
            await PrintPricesAsync(services, now, token);
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

    private static async Task PrintPricesAsync(IServiceProvider services, DateTimeOffset now, CancellationToken token)
    {
        var window = services.GetRequiredService<IOptions<PriceOptions>>().Value.GapWindow;
        var prices = await services.GetRequiredService<PriceRepository>().GetStatusAsync(now, window, token);
        Console.WriteLine();
        Console.WriteLine($"prices: {prices.Rows:N0} on the 5-minute grid for {prices.Symbols} symbols, newest {Format(prices.Newest)}");
        var holes = prices.Gaps.Where(g => g.FirstAfter is not null).ToList();
        var behind = prices.Gaps.Where(g => g.FirstAfter is null).ToList();
        Console.WriteLine($"gaps in the last {window.TotalDays:0.#} d: {holes.Count} ({holes.Sum(g => g.Missing):N0} missing instants); {behind.Count} symbols behind");
        const int shown = 20;
        foreach (var gap in prices.Gaps.Take(shown))
        {
            Console.WriteLine(gap.FirstAfter is { } after
                ? $"  {gap.Symbol,-8} {gap.Missing,6} missing between {Format(gap.LastBefore)} and {Format(after)}"
                : $"  {gap.Symbol,-8} {gap.Missing,6} missing since {Format(gap.LastBefore)} (behind)");
        }
        if (prices.Gaps.Count > shown)
        {
            Console.WriteLine($"  … and {prices.Gaps.Count - shown} more");
        }
        var features = await services.GetRequiredService<FeatureRepository>().GetStatusAsync(token);
        Console.WriteLine($"features: {features.Rows:N0} rows for {features.Symbols} symbols, newest {Format(features.Newest)}, last incremental run {Format(features.LastRun)}");
    }

    private static string Percent(long part, long whole) =>
        whole == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / whole:0.0}%");

    private static string Format(DateTimeOffset? value) =>
        value?.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? "never";
}
