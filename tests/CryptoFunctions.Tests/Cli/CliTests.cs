using System.Diagnostics;
using CryptoFunctions.Tests.Infrastructure;
using Xunit;

namespace CryptoFunctions.Tests.Cli;

/// <summary>The built cryptofn tool run as a process, as a person would, against PostgreSQL and local feeds.</summary>
public sealed class CliTests : IAsyncLifetime
{
    private readonly CorpusEnvironment _corpus = new();
    private readonly PriceApiServer _prices = new();

    private TestDatabase Database => _corpus.Database;

    private Dictionary<string, string> PriceSettings => _prices.Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);

    public async Task InitializeAsync()
    {
        await _corpus.InitializeAsync();
        await _prices.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _prices.DisposeAsync();
        await _corpus.DisposeAsync();
    }

    [Fact]
    public async Task Collect_news_stores_the_feeds_and_a_second_run_adds_nothing()
    {
        var first = await RunAsync("collect", "news", "--sources", _corpus.SourcesFile);
        var second = await RunAsync("collect", "news", "--sources", _corpus.SourcesFile);

        Assert.Equal(0, first.ExitCode);
        Assert.Matches(@"coindesk\s+50\s+50\s+0\s+ok", first.Output);
        Assert.Matches(@"cryptoslate\s+4\s+4\s+0\s+ok, 1 skipped \(no link or title\)", first.Output);
        Assert.Matches(@"total\s+78\s+77\s+1\s+0 of 12 sources failed", first.Output);
        Assert.Equal(0, second.ExitCode);
        Assert.Matches(@"total\s+78\s+0\s+78\s+0 of 12 sources failed", second.Output);
        Assert.Equal(78L, await Database.ScalarAsync<long>("select count(*) from news_articles"));
    }

    [Fact]
    public async Task Status_lists_totals_and_sources_with_their_last_error()
    {
        await RunAsync("collect", "news", "--sources", _corpus.SourcesFile);
        _corpus.Server.Map("/thedefiant/api/feed", c => { c.Response.StatusCode = 503; return Task.CompletedTask; });
        await RunAsync("collect", "news", "--sources", _corpus.SourcesFile);

        var status = await RunAsync("status");

        Assert.Equal(0, status.ExitCode);
        Assert.Contains("articles: 78 (77 unique, 1 syndicated copies)", status.Output);
        Assert.Matches(@"thedefiant\s+1\s+\d+\s+\d+\s+\d{4}-\d\d-\d\d \d\d:\d\dZ\s+\d{4}-\d\d-\d\d \d\d:\d\dZ HTTP 503 Service Unavailable", status.Output);
    }

    [Fact]
    public async Task Score_takes_the_last_day_by_default_and_everything_with_all_unscored()
    {
        await RunAsync("collect", "news", "--sources", _corpus.SourcesFile);

        var recent = await RunAsync("score");
        var all = await RunAsync("score", "--all-unscored", "--model", "vader");
        var status = await RunAsync("status");

        // Only the undated article counts as published in the last day (its collection time stands in).
        Assert.Contains("1 articles to score with vader 1.1.3+crypto.1", recent.Output);
        Assert.Contains("76 articles to score", all.Output);
        Assert.Contains("stored 76 model results", all.Output);
        Assert.Contains("vader 1.1.3+crypto.1: 77 of 77 (100.0%)", status.Output);
        Assert.Matches(@"very negative\s+\d+\s+\d+\.\d%", status.Output);
        Assert.Matches(@"score mean -?0\.\d{4}, standard deviation 0\.\d{4}, range -0\.\d{4} to 0\.\d{4}", status.Output);
        Assert.Contains("poison messages (failed sentiment requests): 0", status.Output);
    }

    [Fact]
    public async Task Score_and_status_use_the_model_packages_present()
    {
        await RunAsync("collect", "news", "--sources", _corpus.SourcesFile);
        var withModels = new Dictionary<string, string> { ["Sentiment__ModelsPath"] = TestModelPackages.Folder };

        var score = await RunAsync(["score", "--all-unscored"], Database.ConnectionString, withModels);
        var status = await RunAsync(["status"], Database.ConnectionString, withModels);

        Assert.Equal(0, score.ExitCode);
        Assert.Contains("stored 231 model results", score.Output);
        Assert.Contains("finbert random-bert-h32-l2-seed7: 77 of 77 (100.0%)", status.Output);
        Assert.Contains("cryptobert random-roberta-h32-l2-seed11: 77 of 77 (100.0%)", status.Output);
    }

    [Fact]
    public async Task Prices_history_and_scored_news_then_features_fill_the_table_and_a_rerun_writes_nothing()
    {
        await RunAsync("collect", "news", "--sources", _corpus.SourcesFile);
        await RunAsync("score", "--all-unscored");
        var collect = await RunAsync(["collect", "prices", "--from", "2024-03-05T00:00:00Z", "--to", "2024-03-14T00:00:00Z", "--symbols", "BTC,ETH", "NEW"],
            Database.ConnectionString, PriceSettings);
        var features = await RunAsync(["features"], Database.ConnectionString, PriceSettings);
        var again = await RunAsync(["features"], Database.ConnectionString, PriceSettings);
        var rebuild = await RunAsync(["features", "--rebuild", "--from", "2024-03-09T00:00:00Z", "--to", "2024-03-10T00:00:00Z"], Database.ConnectionString, PriceSettings);
        var status = await RunAsync(["status"], Database.ConnectionString, PriceSettings);

        Assert.Equal(0, collect.ExitCode);
        // BTC and ETH: the 2,592 bars closing from 00:05 on the 5th to 00:00 on the 14th; NEW: all 30.
        Assert.Contains("prices up to 2024-03-14 00:00Z: 0 of 0 snapshots and 5,214 of 5,214 bars new or changed", collect.Output);
        Assert.Equal(0, features.ExitCode);
        Assert.Matches(@"features \(incremental\): 3 symbols, 5,214 rows computed, 5,214 written, \d+ articles in the windows", features.Output);
        // Within the 10-minute change margin the prices count as new again: recomputed, and nothing differs.
        Assert.Contains("features (incremental): 3 symbols, 5,214 rows computed, 0 written", again.Output);
        Assert.Contains("features (rebuild): 2 symbols, 578 rows computed, 578 written", rebuild.Output);
        Assert.Equal(5214L, await Database.ScalarAsync<long>("select count(*) from ml_features_materialized"));
        // RSI from each series' 15th price on: 2 × (2,592 − 14) + (30 − 14).
        Assert.Equal(5172L, await Database.ScalarAsync<long>("select count(rsi_14) from ml_features_materialized"));
        // The feed corpus is of 12–13 March: its scored articles reach the windows of those days.
        Assert.True(await Database.ScalarAsync<long>("select count(*) from ml_features_materialized where market_news_count_24h > 0") > 500);
        Assert.True(await Database.ScalarAsync<long>("select count(*) from ml_features_materialized where symbol = 'BTC' and vader_mean_24h is not null and news_count_24h > 0") > 100);
        Assert.Contains("prices: 5,214 on the 5-minute grid for 3 symbols, newest 2024-03-14 00:00Z", status.Output);
        Assert.Matches(@"NEW\s+\d+ missing since 2024-03-05 02:30Z \(behind\)", status.Output);
        Assert.Contains("features: 5,214 rows for 3 symbols, newest 2024-03-14 00:00Z", status.Output);
    }

    [Fact]
    public async Task Prices_for_a_symbol_outside_the_universe_is_a_clear_error()
    {
        var result = await RunAsync(["collect", "prices", "--from", "2024-03-01", "--symbols", "DOGGO"], Database.ConnectionString, PriceSettings);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not in the universe: DOGGO", result.Error);
    }

    [Fact]
    public async Task Unknown_model_is_a_clear_error()
    {
        var result = await RunAsync("score", "--model", "finbert");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Unknown sentiment model 'finbert'; active models: vader.", result.Error);
    }

    [Fact]
    public async Task Missing_connection_string_is_a_clear_error()
    {
        var result = await RunAsync(["migrate"], connectionString: "");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ConnectionStrings:Postgres", result.Error);
    }

    [Fact]
    public async Task Missing_sources_file_is_a_clear_error()
    {
        var result = await RunAsync("collect", "news", "--sources", "/nonexistent/sources.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("News sources file '/nonexistent/sources.json' does not exist.", result.Error);
    }

    [Fact]
    public async Task Run_collects_and_stops_cleanly_on_SIGTERM()
    {
        using var process = Start(["run"], Database.ConnectionString, new Dictionary<string, string>(PriceSettings) { ["News__SourcesFile"] = _corpus.SourcesFile });
        var output = new System.Text.StringBuilder();
        var cycleDone = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
            if (e.Data?.StartsWith("features:", StringComparison.Ordinal) == true)
            {
                cycleDone.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await cycleDone.Task.WaitAsync(TimeSpan.FromSeconds(60));
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, process.ExitCode);
        lock (output)
        {
            Assert.Contains("stopped cleanly", output.ToString());
            Assert.Contains("scored 77 new articles", output.ToString());
            // The run's clock is today's: one markets snapshot per recorded coin, and the features of that instant.
            Assert.Matches(@"prices up to \d{4}-\d\d-\d\d \d\d:\d\dZ: 6 of 6 snapshots", output.ToString());
            Assert.Contains("features: 6 rows computed, 6 written", output.ToString());
        }
        Assert.Equal(78L, await Database.ScalarAsync<long>("select count(*) from news_articles"));
    }

    private Task<CliRunner.Result> RunAsync(params string[] args) => CliRunner.RunAsync(args, Database.ConnectionString);

    private static Task<CliRunner.Result> RunAsync(string[] args, string connectionString, IDictionary<string, string>? environment = null) =>
        CliRunner.RunAsync(args, connectionString, environment);

    private static Process Start(string[] args, string connectionString, IDictionary<string, string>? environment = null) =>
        CliRunner.Start(args, connectionString, environment);
}
