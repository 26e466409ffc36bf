using System.Diagnostics;
using System.Globalization;
using System.Text;
using CryptoFunctions.Core;
using CryptoFunctions.Core.Database;
using CryptoFunctions.Core.Features;
using CryptoFunctions.Core.News;
using CryptoFunctions.Core.Prices;
using CryptoFunctions.Core.Sentiment;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CryptoFunctions.Bench;

/// <summary>
/// Prices and features at scale, against the PostgreSQL named by ConnectionStrings__Postgres:
/// (1) materialise SYMBOLS × DAYS of 5-minute history plus a month of scored news from an empty table, both
/// as a rebuild (COPY straight into the table) and as the first incremental run (staging + upsert);
/// (2) the 5-minute incremental cycle for the first INCREMENTAL symbols: one new bar each, a snapshot and a
/// few new scored articles, then the update; (3) the price cycle's parse + store for 124 symbols (the markets
/// answer and one kline answer per symbol, network excluded).
/// Usage: dotnet run --project bench -c Release -- features [SYMBOLS [DAYS [INCREMENTAL [CYCLES]]]]
/// </summary>
internal static class FeatureBenchmark
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 5, 0, TimeSpan.Zero);

    public static async Task RunAsync(string[] args, IReadOnlyList<Article> templates)
    {
        var symbolCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 320;
        var days = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
        var incremental = Math.Min(symbolCount, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 124);
        var cycles = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 6;
        var bars = days * 288;

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        await using var services = new ServiceCollection().AddLogging().AddCryptoCore(configuration).BuildServiceProvider();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var prices = services.GetRequiredService<PriceRepository>();
        var materializer = services.GetRequiredService<FeatureMaterializer>();
        await ExecuteAsync(dataSource, "truncate prices, ml_features_materialized, feature_watermarks, article_sentiment, news_articles, news_sources restart identity");
        var symbols = Enumerable.Range(0, symbolCount).Select(i => $"S{i:D3}").ToList();
        Console.WriteLine($"{symbolCount} symbols × {days} days = {symbolCount * (long)bars:N0} instants, {Environment.ProcessorCount} cores");

        var load = Stopwatch.StartNew();
        var random = new Random(7);
        foreach (var chunk in symbols.Chunk(16))
        {
            await prices.UpsertKlinesAsync([.. chunk.SelectMany(s => Walk(s, 0, bars, random))], CancellationToken.None);
        }
        Console.WriteLine($"bars stored: {symbolCount * (long)bars:N0} in {load.Elapsed.TotalSeconds:0.0} s ({symbolCount * (double)bars / load.Elapsed.TotalSeconds:N0}/s, staging + upsert)");

        var news = Stopwatch.StartNew();
        var articles = await StoreNewsAsync(services, templates, symbols, Start, Start.AddDays(days), 1400 * days, random);
        var scored = await services.GetRequiredService<SentimentScorer>().ScoreAsync(articles, modelName: null, CancellationToken.None);
        Console.WriteLine($"news: {articles.Count:N0} articles stored and scored ({scored.Scored:N0} vader results) in {news.Elapsed.TotalSeconds:0.0} s");
        // The load happened long before the runs below, as history does.
        await ExecuteAsync(dataSource,
            """
            update prices set updated_at = updated_at - interval '1 day';
            alter table news_articles disable trigger news_articles_touch;
            update news_articles set changed_at = changed_at - interval '1 day';
            alter table news_articles enable trigger news_articles_touch
            """);
        foreach (var table in new[] { "prices", "news_articles", "article_sentiment" })
        {
            await ExecuteAsync(dataSource, $"vacuum analyze {table}");
        }

        var rebuild = await materializer.MaterializeRangeAsync(null, null, null, replace: true, progress: null, CancellationToken.None);
        Report("rebuild from an empty table", rebuild);
        await ExecuteAsync(dataSource, "truncate ml_features_materialized, feature_watermarks");
        var first = await materializer.UpdateAsync(progress: null, CancellationToken.None);
        Report("first incremental run, empty table", first);
        var noop = await materializer.UpdateAsync(progress: null, CancellationToken.None);
        Report("incremental run, nothing changed", noop);

        await ExecuteAsync(dataSource, "delete from prices where symbol >= @from; delete from ml_features_materialized where symbol >= @from",
            new { from = symbols.Count > incremental ? symbols[incremental] : "~" });
        await ExecuteAsync(dataSource, "vacuum analyze prices");
        var live = symbols.Take(incremental).ToList();
        Console.WriteLine($"incremental cycles with {live.Count} symbols (history as above):");
        var timings = new List<double>();
        for (var cycle = 0; cycle < cycles; cycle++)
        {
            var ts = Start + (PriceGrid.Step * (bars + cycle));
            await prices.UpsertKlinesAsync([.. live.SelectMany(s => Walk(s, bars + cycle, 1, random))], CancellationToken.None);
            await prices.UpsertSnapshotsAsync([.. live.Select((s, i) => new MarketSnapshot(s, ts, 100 + i, 1e9, 1e7, i + 1, ts.AddSeconds(3)))], CancellationToken.None);
            var fresh = await StoreNewsAsync(services, templates, live, ts.AddMinutes(-30), ts, 3, random, $"cycle{cycle}");
            await services.GetRequiredService<SentimentScorer>().ScoreAsync(fresh, modelName: null, CancellationToken.None);
            var run = await materializer.UpdateAsync(progress: null, CancellationToken.None);
            Console.WriteLine($"  cycle {cycle + 1}: {run.Elapsed.TotalMilliseconds:N0} ms, {run.RowsComputed:N0} rows computed, {run.RowsWritten:N0} written{(cycle == 0 ? " (cold)" : "")}");
            if (cycle > 0)
            {
                timings.Add(run.Elapsed.TotalMilliseconds);
            }
        }
        if (timings.Count > 0)
        {
            Console.WriteLine($"  median of the warm cycles: {Median(timings):N0} ms");
        }

        await PriceCycleAsync(services, live.Count >= 124 ? live.Take(124).ToList() : live, Start + (PriceGrid.Step * (bars + cycles)));
    }

    /// <summary>The price cycle without the network: parse the markets answer and each symbol's kline answer, store both.</summary>
    private static async Task PriceCycleAsync(IServiceProvider services, List<string> symbols, DateTimeOffset firstTs)
    {
        var prices = services.GetRequiredService<PriceRepository>();
        var timings = new List<(double Parse, double Store)>();
        const int Rounds = 21;
        for (var round = 0; round < Rounds; round++)
        {
            var ts = firstTs + (PriceGrid.Step * round);
            var markets = MarketsBody(symbols, round);
            var klines = symbols.Select(s => KlineBody(ts, round)).ToList();
            var clock = Stopwatch.StartNew();
            var quotes = MarketsClient.Parse(markets, "markets");
            var snapshots = quotes.Select(q => new MarketSnapshot(q.Id, ts, q.CurrentPrice, q.MarketCap, q.TotalVolume, q.MarketCapRank, ts.AddSeconds(2))).ToList();
            var parsedBars = klines.SelectMany((body, i) => KlinesClient.Parse(body, symbols[i], symbols[i])).ToList();
            var parse = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            await prices.UpsertSnapshotsAsync(snapshots, CancellationToken.None);
            await prices.UpsertKlinesAsync(parsedBars, CancellationToken.None);
            timings.Add((parse, clock.Elapsed.TotalMilliseconds));
        }
        var warm = timings.Skip(1).ToList();
        Console.WriteLine($"price cycle, {symbols.Count} symbols (1 markets answer + {symbols.Count} kline answers of 1 bar), network excluded: " +
            $"cold {timings[0].Parse + timings[0].Store:0.0} ms; warm median parse {Median(warm.Select(t => t.Parse)):0.00} ms + store {Median(warm.Select(t => t.Store)):0.0} ms = {Median(warm.Select(t => t.Parse + t.Store)):0.0} ms");
    }

    /// <summary>A GARCH-flavoured random walk of 5-minute bars, as the test fixtures are shaped.</summary>
    private static IEnumerable<Kline> Walk(string symbol, int from, int count, Random random)
    {
        var price = 10.0 + (int.Parse(symbol.AsSpan(1), CultureInfo.InvariantCulture) * 37 % 5000);
        var variance = 0.002 * 0.002;
        for (var i = from; i < from + count; i++)
        {
            var shock = Normal(random) * Math.Sqrt(variance);
            variance = (0.002 * 0.002 * 0.05) + (0.1 * shock * shock) + (0.85 * variance);
            var open = price;
            price = Math.Round(price * Math.Exp(shock), 4);
            var volume = Math.Exp(Normal(random) * 0.6) * 100;
            yield return new Kline(symbol, Start + (PriceGrid.Step * i), open, Math.Max(open, price) * 1.001, Math.Min(open, price) * 0.999, price, volume, volume * price, 50);
        }
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(Math.Max(random.NextDouble(), 1e-12))) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static async Task<List<long>> StoreNewsAsync(
        IServiceProvider services, IReadOnlyList<Article> templates, IReadOnlyList<string> symbols,
        DateTimeOffset from, DateTimeOffset to, int count, Random random, string tag = "history")
    {
        var span = (to - from).Ticks;
        var articles = Enumerable.Range(0, count).Select(i =>
        {
            var t = templates[i % templates.Count];
            // Coverage is skewed like real news: the first symbols are tagged far more often than the tail.
            var tagged = Enumerable.Range(0, 1 + random.Next(2)).Select(_ => symbols[(int)(symbols.Count * Math.Pow(random.NextDouble(), 3))]).Distinct().ToList();
            var url = $"https://bench.example/{tag}/{i}";
            return t with { CanonicalUrl = url, Url = url, Title = $"{t.Title} ({tag} {i})", TitleKey = null, Symbols = tagged, PublishedAt = from.AddTicks((long)(random.NextDouble() * span)) };
        }).ToList();
        var stored = new List<long>();
        foreach (var batch in articles.Chunk(5000))
        {
            stored.AddRange((await services.GetRequiredService<NewsRepository>().StoreAsync(batch, CancellationToken.None)).Select(s => s.Id));
        }
        return stored;
    }

    private static byte[] MarketsBody(List<string> symbols, int round)
    {
        var json = new StringBuilder("[");
        for (var i = 0; i < symbols.Count; i++)
        {
            json.Append(CultureInfo.InvariantCulture,
                $$"""{"id":"{{symbols[i]}}","symbol":"{{symbols[i].ToLowerInvariant()}}","name":"Coin {{i}}","image":"https://coin-images.coingecko.com/coins/images/{{i}}/large/coin.png","current_price":{{100.5 + i + round}},"market_cap":{{1e9 + i}},"market_cap_rank":{{i + 1}},"fully_diluted_valuation":null,"total_volume":{{1e7 + i}},"high_24h":{{102.5 + i}},"low_24h":{{98.5 + i}},"price_change_24h":1.25,"price_change_percentage_24h":1.2,"market_cap_change_24h":12345678,"market_cap_change_percentage_24h":1.1,"circulating_supply":1000000,"total_supply":2000000,"max_supply":null,"ath":300,"ath_change_percentage":-60.1,"ath_date":"2021-11-10T14:24:19.604Z","atl":0.5,"atl_change_percentage":20000,"atl_date":"2015-10-20T00:00:00.000Z","roi":null,"last_updated":"2024-03-09T11:59:44.871Z"}""");
            json.Append(i + 1 < symbols.Count ? "," : "]");
        }
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    private static byte[] KlineBody(DateTimeOffset ts, int round)
    {
        var open = ts.AddMinutes(-5).ToUnixTimeMilliseconds();
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"""[[{open},"61234.56","61338.63","61231.93","{61329.27 + round:0.00}","78.72963155",{open + 299_999},"4824835.05098432",262,"38.19642005","2340814.03221126","0"]]"""));
    }

    private static void Report(string what, FeatureRunReport report) =>
        Console.WriteLine($"{what}: {report.RowsComputed:N0} rows computed, {report.RowsWritten:N0} written, {report.Articles:N0} articles in the windows, " +
            $"{report.Elapsed.TotalSeconds:0.0} s = {report.RowsComputed / Math.Max(report.Elapsed.TotalSeconds, 1e-3):N0} rows/s");

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, object? parameters = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, commandTimeout: 600));
    }
}
