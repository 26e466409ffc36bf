using System.Diagnostics;
using System.Globalization;
using CryptoFunctions.Core;
using CryptoFunctions.Core.Database;
using CryptoFunctions.Core.News;
using CryptoFunctions.Core.Sentiment;
using CryptoFunctions.Core.Sentiment.Onnx;
using CryptoFunctions.TestModels;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CryptoFunctions.Bench;

/// <summary>
/// Sentiment throughput with base-sized (BERT-base / RoBERTa-base) random-weight models through the
/// project's own scorer: texts/s per model for headlines and title+summary texts, batch sizes 1, 8 and 32,
/// with and without length-sorted batching (tokenizer excluded), then tokenizer included, then the whole
/// scorer with PostgreSQL; RSS with both models loaded; achieved GFLOP/s against the machine's peak.
/// </summary>
internal static class SentimentBenchmark
{
    private static readonly int[] BatchSizes = [1, 8, 32];

    public static async Task RunAsync(string[] args, IReadOnlyList<Article> templates)
    {
        var headlineCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 128;
        var longCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 64;
        var models = args.Length > 2 ? args[2] : Path.Combine(AppContext.BaseDirectory, "base-models");

        var corpus = templates.Select(t => $"{t.Title}\n{t.Summary}").ToList();
        if (!Directory.Exists(models))
        {
            var generation = Stopwatch.StartNew();
            ModelPackageWriter.Write(Path.Combine(models, "finbert"), "finbert", TransformerShape.BaseBert, 512, corpus);
            ModelPackageWriter.Write(Path.Combine(models, "cryptobert"), "cryptobert", TransformerShape.BaseRoberta, 128, corpus);
            Console.WriteLine($"base-sized models generated into {models} in {generation.Elapsed.TotalSeconds:0.0} s");
        }

        var baseline = Process.GetCurrentProcess().WorkingSet64;
        var options = new SentimentOptions();
        var loaded = ModelPackage.LoadAll(models).Select(p => new OnnxSentimentModel(p, options)).ToList();
        Console.WriteLine($"{loaded.Count} models loaded: RSS {Mib(Process.GetCurrentProcess().WorkingSet64)} MiB ({Mib(Process.GetCurrentProcess().WorkingSet64 - baseline)} MiB for the models), {Environment.ProcessorCount} cores, ONNX Runtime intra-op threads: default");

        var peak = ClockAndPeak();
        Console.WriteLine($"estimated clock {peak.Ghz:0.00} GHz; fp32 peak {peak.Gflops:0} GFLOP/s (2 × 512-bit FMA per core per cycle × {Environment.ProcessorCount} cores)");

        List<string> storedHeadlines = [];
        foreach (var model in loaded)
        {
            var tokenizer = model.Package.Tokenizer;
            var headlines = Cycle(Lengthened(templates, tokenizer, 24, words: true), headlineCount);
            storedHeadlines = model.Name == "finbert" ? headlines : storedHeadlines;
            var longTexts = Cycle(Lengthened(templates, tokenizer, 128, words: false), longCount);
            foreach (var (setName, texts) in new[] { ("headlines", headlines), ("title+summary", longTexts) })
            {
                var encoded = texts.Select(t => model.Package.Tokenizer.Encode(t, model.Package.Manifest.MaxTokens)).ToList();
                var meanTokens = encoded.Average(e => e.Length);
                var flops = encoded.Sum(e => Flops(e.Length));
                Score(model, encoded.Take(8).ToList(), 8, true);
                foreach (var batch in BatchSizes)
                {
                    foreach (var sorted in new[] { true, false })
                    {
                        if (batch == 1 && !sorted)
                        {
                            continue;
                        }
                        var elapsed = Score(model, encoded, batch, sorted);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{model.Name,-10} {setName,-13} mean {meanTokens,5:0.0} tokens  batch {batch,2} {(sorted ? "sorted  " : "unsorted")}  {texts.Count / elapsed.TotalSeconds,6:0.0} texts/s  {flops / elapsed.TotalSeconds / 1e9,5:0} GFLOP/s ({flops / elapsed.TotalSeconds / 1e9 / peak.Gflops:P0} of peak)"));
                    }
                }
            }
            var withTokenizer = new OnnxSentimentModel(model.Package, options);
            var clock = Stopwatch.StartNew();
            withTokenizer.Score(headlines, CancellationToken.None);
            Console.WriteLine($"{model.Name,-10} headlines with tokenizer, batch 8 sorted: {headlines.Count / clock.Elapsed.TotalSeconds:0.0} texts/s");
            withTokenizer.Dispose();
        }
        Console.WriteLine($"peak RSS so far {Mib(Process.GetCurrentProcess().PeakWorkingSet64)} MiB");
        foreach (var model in loaded)
        {
            model.Dispose();
        }

        await ScoreStoredArticlesAsync(models, templates, storedHeadlines);
        Console.WriteLine($"peak RSS {Mib(Process.GetCurrentProcess().PeakWorkingSet64)} MiB");
    }

    // The scorer end to end: load articles from PostgreSQL, tokenise, both transformers and VADER, store rows
    // and the ensemble. The articles carry the headline-length texts as title and no summary.
    private static async Task ScoreStoredArticlesAsync(string models, IReadOnlyList<Article> templates, IReadOnlyList<string> headlines)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sentiment:ModelsPath"] = models })
            .Build();
        await using var services = new ServiceCollection().AddLogging().AddCryptoCore(configuration).BuildServiceProvider();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await using (var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        {
            await connection.ExecuteAsync("truncate article_sentiment, news_articles, news_sources restart identity");
        }
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var articles = headlines
            .Select((text, n) => templates[n % templates.Count] with
            {
                CanonicalUrl = $"{templates[n % templates.Count].CanonicalUrl}?story={n}",
                Title = text,
                TitleKey = null,
                Summary = null,
                PublishedAt = start.AddMinutes(n),
            })
            .ToList();
        var stored = await services.GetRequiredService<NewsRepository>().StoreAsync(articles, CancellationToken.None);
        var scorer = services.GetRequiredService<SentimentScorer>();
        var batchSize = services.GetRequiredService<IOptions<SentimentOptions>>().Value.BatchSize;
        var ids = stored.Select(s => s.Id).ToList();
        var clock = Stopwatch.StartNew();
        var scored = 0;
        foreach (var batch in ids.Chunk(batchSize))
        {
            scored += (await scorer.ScoreAsync(batch, null, CancellationToken.None)).Scored;
        }
        Console.WriteLine($"scorer with PostgreSQL ({string.Join(" + ", scorer.Models.Select(m => m.Name))}), headline-length texts: {ids.Count} articles in {clock.Elapsed.TotalSeconds:0.0} s = {ids.Count / clock.Elapsed.TotalSeconds:0.0} articles/s ({scored} model results)");
    }

    private static TimeSpan Score(OnnxSentimentModel model, List<long[]> encoded, int batch, bool sorted)
    {
        using var configured = new OnnxSentimentModel(model.Package, new SentimentOptions { InferenceBatchSize = batch, SortByLength = sorted });
        var clock = Stopwatch.StartNew();
        configured.Score(encoded, CancellationToken.None);
        return clock.Elapsed;
    }

    // The synthetic vocabularies make every corpus word one token, so real headlines come out shorter than
    // with the real vocabularies; texts are lengthened to the token counts real models see: headlines to
    // about 24 of the model's tokens with words of their summary, title + summary to about 128 with further summaries.
    private static List<string> Lengthened(IReadOnlyList<Article> templates, Core.Sentiment.Tokenization.ITokenizer tokenizer, int tokens, bool words)
    {
        var texts = new List<string>();
        for (var i = 0; i < templates.Count; i++)
        {
            var text = words ? templates[i].Title : $"{templates[i].Title}\n{templates[i].Summary}";
            var more = words
                ? (templates[i].Summary ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Concat(templates[(i + 1) % templates.Count].Title.Split(' '))
                : Enumerable.Range(i + 1, templates.Count).Select(j => templates[j % templates.Count].Summary ?? "");
            using var next = more.GetEnumerator();
            while (tokenizer.Encode(text, 1024).Length < tokens && next.MoveNext())
            {
                text += " " + next.Current;
            }
            texts.Add(text);
        }
        return texts;
    }

    private static List<string> Cycle(IReadOnlyList<string> items, int count) => [.. Enumerable.Range(0, count).Select(i => items[i % items.Count])];

    // Multiply-adds of BERT-base per sequence of n tokens: per layer 24·h² per token (Q, K, V, output,
    // and the 4h feed-forward) plus 4·n²·h for attention scores and context, 12 layers, h = 768.
    private static double Flops(int n) => 12 * (24.0 * 768 * 768 * n + 4.0 * n * n * 768);

    // A chain of four dependent integer operations per iteration runs at one operation per cycle.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static (double Ghz, double Gflops) ClockAndPeak()
    {
        const long iterations = 400_000_000;
        var x = 1L;
        var clock = Stopwatch.StartNew();
        for (var i = 0L; i < iterations; i++)
        {
            x += i;
            x ^= 0x5555;
            x += 7;
            x ^= i;
        }
        var ghz = 4.0 * iterations / clock.Elapsed.TotalSeconds / 1e9 + (x == 42 ? 1e-12 : 0);
        return (ghz, ghz * 64 * Environment.ProcessorCount);
    }

    private static long Mib(long bytes) => bytes / 1024 / 1024;
}
