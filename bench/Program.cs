using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security;
using System.Text;
using System.Threading.Channels;
using CryptoFunctions.Core;
using CryptoFunctions.Core.Database;
using CryptoFunctions.Core.News;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// News ingestion benchmark: parse + normalise + de-duplicate + store N articles generated from the
// fixture corpus, in collection-sized batches, into the PostgreSQL named by ConnectionStrings__Postgres.
// The first pass runs on a cold process (JIT); the passes after it show the steady state. Each pass
// starts from an empty table.
// Usage: dotnet run --project bench -c Release [-- ARTICLES [BATCH_DOCUMENTS [PASSES]]]
//        dotnet run --project bench -c Release -- sentiment [HEADLINES [LONG_TEXTS [MODELS_FOLDER]]]  (see SentimentBenchmark)
//        dotnet run --project bench -c Release -- features [SYMBOLS [DAYS [INCREMENTAL [CYCLES]]]]  (see FeatureBenchmark)
//        dotnet run --project bench -c Release -- backfill [ARTICLES [DAYS]]  (see BackfillBenchmark)
if (args is ["sentiment" or "features" or "backfill", ..])
{
    var corpus = LoadTemplates(Path.Combine(AppContext.BaseDirectory, "feeds"));
    await using var cleaning = new ServiceCollection().AddLogging().AddCryptoCore(new ConfigurationBuilder().Build()).BuildServiceProvider();
    var cleaner = cleaning.GetRequiredService<ArticleNormalizer>();
    List<Article> articles = [.. corpus.Select(t => cleaner.Normalize(t, "bench", DateTimeOffset.UtcNow, out _)).OfType<Article>().DistinctBy(a => a.CanonicalUrl)];
    await (args[0] switch
    {
        "sentiment" => CryptoFunctions.Bench.SentimentBenchmark.RunAsync(args[1..], articles),
        "features" => CryptoFunctions.Bench.FeatureBenchmark.RunAsync(args[1..], articles),
        _ => CryptoFunctions.Bench.BackfillBenchmark.RunAsync(args[1..], articles),
    });
    return;
}

var total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50_000;
var documentsPerBatch = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
var passes = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
const int ItemsPerDocument = 50;
var feedUrl = new Uri("https://bench.example/feed");

var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
await using var services = new ServiceCollection().AddLogging().AddCryptoCore(configuration).BuildServiceProvider();
await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
var dataSource = services.GetRequiredService<NpgsqlDataSource>();
var normalizer = services.GetRequiredService<ArticleNormalizer>();
var repository = services.GetRequiredService<NewsRepository>();

var templates = LoadTemplates(Path.Combine(AppContext.BaseDirectory, "feeds"));
var documents = Generate(templates, total, ItemsPerDocument);
Console.WriteLine($"{documents.Count} feed documents, {total} items ({documents.Sum(d => d.Length) / 1024 / 1024.0:0.0} MiB) from {templates.Count} corpus items, batches of {documentsPerBatch} documents, {Environment.ProcessorCount} cores");

for (var pass = 1; pass <= passes; pass++)
{
    await using (var connection = await dataSource.OpenConnectionAsync())
    {
        await connection.ExecuteAsync("truncate article_sentiment, news_articles, news_sources restart identity; analyze news_articles");
    }
    var result = await IngestAsync();
    Console.WriteLine($"pass {pass}{(pass == 1 ? " (cold)" : "")}: {result.Stored} rows ({result.Duplicates} syndicated copies) in {result.Wall.TotalSeconds:0.00} s = {total / result.Wall.TotalSeconds:0} articles/s; " +
        $"parse + normalise busy {result.Parse.TotalSeconds:0.00} s, de-duplicate + store busy {result.Store.TotalSeconds:0.00} s");
}

var rerun = Stopwatch.StartNew();
var again = await repository.StoreAsync(Normalize(documents.Take(documentsPerBatch)), CancellationToken.None);
Console.WriteLine($"re-collecting the first batch ({documentsPerBatch * ItemsPerDocument} items) inserted {again.Count} rows in {rerun.Elapsed.TotalMilliseconds:0} ms");

// Parsing runs on the client's cores while PostgreSQL stores the previous batch: one batch in flight,
// as an importer reading many feeds would run.
async Task<PassResult> IngestAsync()
{
    var parse = TimeSpan.Zero;
    var store = TimeSpan.Zero;
    int stored = 0, duplicates = 0;
    var wall = Stopwatch.StartNew();
    var parsed = Channel.CreateBounded<List<Article>>(1);
    var producer = Task.Run(async () =>
    {
        foreach (var batch in documents.Chunk(documentsPerBatch))
        {
            var step = Stopwatch.StartNew();
            var articles = Normalize(batch);
            parse += step.Elapsed;
            await parsed.Writer.WriteAsync(articles);
        }
        parsed.Writer.Complete();
    });
    await foreach (var articles in parsed.Reader.ReadAllAsync())
    {
        var step = Stopwatch.StartNew();
        var rows = await repository.StoreAsync(articles, CancellationToken.None);
        store += step.Elapsed;
        stored += rows.Count;
        duplicates += rows.Count(r => r.DuplicateOf is not null);
    }
    await producer;
    return new PassResult(wall.Elapsed, parse, store, stored, duplicates);
}

List<Article> Normalize(IEnumerable<byte[]> batch)
{
    var articles = new ConcurrentBag<Article>();
    Parallel.ForEach(batch, document =>
    {
        foreach (var item in FeedParser.Parse(document, feedUrl))
        {
            if (normalizer.Normalize(item, "bench", DateTimeOffset.UtcNow, out _) is { } article)
            {
                articles.Add(article);
            }
        }
    });
    return articles.DistinctBy(a => a.CanonicalUrl).ToList();
}

// Items of every corpus feed, used as templates.
static List<FeedItem> LoadTemplates(string folder) =>
    Directory.GetFiles(folder)
        .SelectMany(f => FeedParser.Parse(File.ReadAllBytes(f), new Uri("https://corpus.example/feed")))
        .Where(i => i.Link is not null && i.Title is not null)
        .ToList();

// RSS 2.0 documents of real-shaped items: every item gets its own URL and headline, and one in twenty
// repeats an earlier headline under another URL, as a syndicated copy would.
static List<byte[]> Generate(List<FeedItem> templates, int total, int perDocument)
{
    var documents = new List<byte[]>();
    var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    for (var first = 0; first < total; first += perDocument)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>bench</title>");
        for (var n = first; n < Math.Min(total, first + perDocument); n++)
        {
            var story = n % 20 == 19 ? n - 1 : n;
            var t = templates[story % templates.Count];
            sb.Append("<item><title><![CDATA[").Append(t.Title).Append(" (story ").Append(story).Append(")]]></title>")
              .Append("<link>").Append(SecurityElement.Escape($"{t.Link!.GetLeftPart(UriPartial.Path)}?story={n}&utm_source=rss")).Append("</link>")
              .Append("<dc:creator>").Append(SecurityElement.Escape(t.Author ?? "Staff")).Append("</dc:creator>")
              .Append("<pubDate>").Append(start.AddMinutes(n).ToString("r", CultureInfo.InvariantCulture)).Append("</pubDate>")
              .Append("<description><![CDATA[").Append(t.Summary ?? t.Content ?? "").Append("]]></description></item>");
        }
        documents.Add(Encoding.UTF8.GetBytes(sb.Append("</channel></rss>").ToString()));
    }
    return documents;
}

internal sealed record PassResult(TimeSpan Wall, TimeSpan Parse, TimeSpan Store, int Stored, int Duplicates);
