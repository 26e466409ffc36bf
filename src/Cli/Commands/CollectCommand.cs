using System.CommandLine;
using CryptoFunctions.Core.News;
using CryptoFunctions.Core.Prices;
using CryptoFunctions.Core.Universe;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunctions.Cli.Commands;

public static class CollectCommand
{
    public static Command Create()
    {
        var sources = new Option<FileInfo?>("--sources") { Description = "A JSON news source catalog to use instead of the configured one." };
        var news = new Command("news", "Fetch every news source once and store new articles.") { sources };
        news.SetAction((parse, ct) => CliHost.RunAsync(async (services, token) =>
        {
            var catalog = services.GetRequiredService<NewsSourceCatalog>().Load(parse.GetValue(sources)?.FullName);
            var report = await services.GetRequiredService<NewsCollector>().CollectAsync(catalog, token);
            CollectionReportPrinter.Print(report, Console.Out);
            // Every source failing is worth a non-zero exit for scripts; some failing is a normal day.
            return report.Sources.Count > 0 && report.FailedSources == report.Sources.Count ? 2 : 0;
        }, ct));

        return new Command("collect", "Collect data once.") { news, CreatePrices() };
    }

    private static Command CreatePrices()
    {
        var from = new Option<DateTimeOffset?>("--from") { Description = "Fetch 5-minute bars from this instant (UTC) instead of the current snapshot." };
        var to = new Option<DateTimeOffset?>("--to") { Description = "End of the bars to fetch (default: now)." };
        var symbols = new Option<string[]>("--symbols") { Description = "Only these symbols (default: the whole universe).", AllowMultipleArgumentsPerToken = true };
        var prices = new Command("prices", "Store a markets snapshot and the bars closed since the last one; with --from, fetch bar history instead.") { from, to, symbols };
        prices.SetAction((parse, ct) => CliHost.RunAsync(async (services, token) =>
        {
            var universe = services.GetRequiredService<CoinUniverse>();
            var collector = services.GetRequiredService<PriceCollector>();
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            PriceCollectionReport report;
            if (parse.GetValue(from) is { } first)
            {
                var last = parse.GetValue(to) ?? now;
                if (first >= last)
                {
                    Console.Error.WriteLine("error: --from must be before --to");
                    return 1;
                }
                var coins = Select(universe, parse.GetValue(symbols));
                var progress = new ProgressBar(coins.Count(c => c.Pair is not null), "symbols");
                report = await collector.CollectHistoryAsync(coins, first, last, progress, token);
                progress.Finish();
            }
            else
            {
                report = await collector.CollectAsync(token);
            }
            PriceReportPrinter.Print(report, Console.Out);
            return report.SnapshotsStored + report.BarsReceived == 0 && report.Failures.Count > 0 ? 2 : 0;
        }, ct));
        return prices;
    }

    private static IReadOnlyList<Coin> Select(CoinUniverse universe, string[]? symbols)
    {
        if (symbols is not { Length: > 0 })
        {
            return universe.Coins;
        }
        var wanted = symbols.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = wanted.Where(s => !universe.Coins.Any(c => string.Equals(c.Symbol, s, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException($"not in the universe: {string.Join(", ", unknown)}");
        }
        return universe.Coins.Where(c => wanted.Contains(c.Symbol)).ToList();
    }
}
