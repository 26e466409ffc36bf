using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CryptoFunctions.Core.News;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoFunctions.Bench;

/// <summary>
/// The backfill as a user runs it, through the built cryptofn against the PostgreSQL named by
/// ConnectionStrings__Postgres: import an archive of ARTICLES articles (JSON Lines), then
/// `backfill --kinds prices,sentiment,features` over DAYS days for the shipped universe, its 5-minute klines
/// served by a Binance-compatible server in this process on 127.0.0.1 (a deterministic synthetic walk).
/// Usage: dotnet run --project bench -c Release -- backfill [ARTICLES [DAYS]]
/// </summary>
internal static class BackfillBenchmark
{
    private static readonly DateOnly From = new(2024, 1, 1);

    public static async Task RunAsync(string[] args, IReadOnlyList<Article> templates)
    {
        var articles = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40_779;
        var days = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 90;
        var to = From.AddDays(days);
        await using var server = await StartKlinesServerAsync();
        var archive = Path.Combine(Path.GetTempPath(), $"bench-archive-{Environment.ProcessId}.jsonl");
        WriteArchive(archive, templates, articles, days);
        var environment = new Dictionary<string, string>
        {
            ["Prices__KlinesBaseUrl"] = server.Url,
            ["Backfill__ChunksPerPage"] = "256",
        };
        Console.WriteLine($"{articles:N0} archived articles, {days} days of 5-minute klines for the shipped universe, {Environment.ProcessorCount} cores");
        var total = Stopwatch.StartNew();
        try
        {
            await RunCliAsync(environment, "migrate");
            await RunCliAsync(environment, "import", "news", archive, "--source", "archive");
            await RunCliAsync(environment, "backfill", "--from", $"{From:yyyy-MM-dd}", "--to", $"{to:yyyy-MM-dd}", "--kinds", "sentiment", "--again");
            await RunCliAsync(environment, "backfill", "--from", $"{From:yyyy-MM-dd}", "--to", $"{to:yyyy-MM-dd}", "--kinds", "prices", "--again");
            await RunCliAsync(environment, "backfill", "--from", $"{From:yyyy-MM-dd}", "--to", $"{to:yyyy-MM-dd}", "--kinds", "features", "--again");
            Console.WriteLine($"total wall time: {total.Elapsed.TotalSeconds:0.0} s; klines requests served: {server.Requests:N0}");
            await RunCliAsync(environment, "backfill", "--from", $"{From:yyyy-MM-dd}", "--to", $"{to:yyyy-MM-dd}", "--kinds", "prices,sentiment,features");
        }
        finally
        {
            File.Delete(archive);
        }
    }

    private static async Task RunCliAsync(Dictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "src", "Cli", "bin", "Release", "net10.0", "cryptofn.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Console.WriteLine($"$ cryptofn {string.Join(' ', args.Select(a => a.Contains('/') ? Path.GetFileName(a) : a))}   [{clock.Elapsed.TotalSeconds:0.0} s, exit {process.ExitCode}]");
        foreach (var line in (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(12))
        {
            Console.WriteLine($"    {line}");
        }
        if (process.ExitCode != 0)
        {
            Console.WriteLine(await error);
            throw new InvalidOperationException($"cryptofn {args[0]} failed");
        }
    }

    private static void WriteArchive(string path, IReadOnlyList<Article> templates, int count, int days)
    {
        var random = new Random(11);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        var start = new DateTimeOffset(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            var t = templates[i % templates.Count];
            writer.WriteLine(JsonSerializer.Serialize(new
            {
                url = $"https://archive.example/{i}/{Uri.EscapeDataString(t.Title[..Math.Min(40, t.Title.Length)])}",
                title = $"{t.Title} ({i})",
                published_at = start.AddSeconds(random.NextDouble() * days * 86400).ToString("O", CultureInfo.InvariantCulture),
                summary = t.Summary,
            }));
        }
    }

    private static async Task<KlinesServer> StartKlinesServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new KlinesServer(app);
        app.MapGet("/api/v3/klines", (HttpContext context) =>
        {
            Interlocked.Increment(ref server.RequestCount);
            var q = context.Request.Query;
            var pair = q["symbol"].ToString();
            var start = long.Parse(q["startTime"].ToString(), CultureInfo.InvariantCulture);
            var end = long.Parse(q["endTime"].ToString(), CultureInfo.InvariantCulture);
            var limit = int.Parse(q["limit"].ToString(), CultureInfo.InvariantCulture);
            const long step = 300_000;
            var body = new StringBuilder("[");
            var seed = pair.Aggregate(17, (h, c) => (h * 31) + c);
            var basePrice = 1 + (Math.Abs(seed) % 5000);
            var n = 0;
            for (var open = start - (start % step) + (start % step == 0 ? 0 : step); open <= end && n < limit; open += step, n++)
            {
                // A deterministic path: a daily cycle and a hash of the instant, so every page agrees with every other.
                var noise = (((open / step * 2654435761L) ^ seed) & 0xffff) / 65536.0;
                var close = basePrice * (1 + (0.05 * Math.Sin(open / 86_400_000.0 * 2 * Math.PI)) + (0.002 * noise));
                body.Append(n == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                    $"[{open},\"{close * 0.999:0.0000}\",\"{close * 1.002:0.0000}\",\"{close * 0.997:0.0000}\",\"{close:0.0000}\",\"{100 + (noise * 50):0.00000000}\",{open + step - 1},\"{close * 120:0.00000000}\",{100 + n},\"50.0\",\"5000.0\",\"0\"]");
            }
            return Results.Text(body.Append(']').ToString(), "application/json");
        });
        await app.StartAsync();
        server.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
        return server;
    }

    private sealed class KlinesServer(WebApplication app) : IAsyncDisposable
    {
        public int RequestCount;

        public string Url { get; set; } = "";

        public int Requests => RequestCount;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
