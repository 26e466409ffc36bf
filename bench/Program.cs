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
// Usage: dotnet run --project bench -c Release [-- ARTICLES [BATCH_DOCUMENTS]]
var total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50_000;
var documentsPerBatch = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
const int ItemsPerDocument = 50;

var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
var services = new ServiceCollection().AddLogging().AddCryptoCore(configuration).BuildServiceProvider();
await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
await using (var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
{
    await connection.ExecuteAsync("truncate news_articles, news_sources restart identity");
}

var templates = LoadTemplates(Path.Combine(AppContext.BaseDirectory, "feeds"));
var documents = Generate(templates, total, ItemsPerDocument);
Console.WriteLine($"{documents.Count} feed documents, {total} items ({documents.Sum(d => d.Length) / 1024 / 1024.0:0.0} MiB), {templates.Count} templates, batches of {documentsPerBatch} documents");

var normalizer = services.GetRequiredService<ArticleNormalizer>();
var repository = services.GetRequiredService<NewsRepository>();
var collectedAt = DateTimeOffset.UtcNow;
var parseTime = TimeSpan.Zero;
var storeTime = TimeSpan.Zero;
var stored = 0;
var duplicates = 0;
var wall = Stopwatch.StartNew();
// Parsing runs on the client's cores while PostgreSQL stores the previous batch: one batch in flight.
var parsed = Channel.CreateBounded<List<Article>>(1);
var producer = Task.Run(async () =>
{
    foreach (var batch in documents.Chunk(documentsPerBatch))
    {
        var step = Stopwatch.StartNew();
        var articles = new ConcurrentBag<Article>();
        Parallel.ForEach(batch, document =>
        {
            foreach (var item in FeedParser.Parse(document, new Uri("https://bench.example/feed")))
            {
                if (normalizer.Normalize(item, "bench", collectedAt, out _) is { } article)
                {
                    articles.Add(article);
                }
            }
        });
        parseTime += step.Elapsed;
        await parsed.Writer.WriteAsync(articles.DistinctBy(a => a.CanonicalUrl).ToList());
    }
    parsed.Writer.Complete();
});
await foreach (var articles in parsed.Reader.ReadAllAsync())
{
    var step = Stopwatch.StartNew();
    var result = await repository.StoreAsync(articles, CancellationToken.None);
    storeTime += step.Elapsed;
    stored += result.Count;
    duplicates += result.Count(r => r.DuplicateOf is not null);
}
await producer;
wall.Stop();

Console.WriteLine($"stored {stored} rows ({duplicates} marked as syndicated copies) in {wall.Elapsed.TotalSeconds:0.00} s: {total / wall.Elapsed.TotalSeconds:0} articles/s");
Console.WriteLine($"  parse + normalise (2 cores): {parseTime.TotalSeconds:0.00} s busy ({total / parseTime.TotalSeconds:0} articles/s)");
Console.WriteLine($"  de-duplicate + store (COPY + upsert): {storeTime.TotalSeconds:0.00} s busy ({total / storeTime.TotalSeconds:0} articles/s)");

var rerun = Stopwatch.StartNew();
var again = 0;
foreach (var batch in documents.Take(documentsPerBatch).Chunk(documentsPerBatch))
{
    var articles = batch.SelectMany(d => FeedParser.Parse(d, new Uri("https://bench.example/feed")))
        .Select(i => normalizer.Normalize(i, "bench", collectedAt, out _)).OfType<Article>().ToList();
    again += (await repository.StoreAsync(articles, CancellationToken.None)).Count;
}
Console.WriteLine($"re-collecting the first batch inserted {again} rows in {rerun.Elapsed.TotalMilliseconds:0} ms");

// Items of every corpus feed, as RSS 2.0 item templates.
static List<FeedItem> LoadTemplates(string folder) =>
    Directory.GetFiles(folder)
        .SelectMany(f => FeedParser.Parse(File.ReadAllBytes(f), new Uri("https://corpus.example/feed")))
        .Where(i => i.Link is not null && i.Title is not null)
        .ToList();

// Feed documents of real-shaped items: every item gets its own URL and headline, and one in twenty
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
