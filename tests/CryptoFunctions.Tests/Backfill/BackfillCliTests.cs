using CryptoFunctions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace CryptoFunctions.Tests.Backfill;

/// <summary>`cryptofn backfill` run as a process over the local price APIs and WordPress site.</summary>
public sealed class BackfillCliTests : IAsyncLifetime
{
    private readonly BackfillEnvironment _env = new(durable: false);

    public Task InitializeAsync() => _env.InitializeAsync();

    public Task DisposeAsync() => _env.DisposeAsync();

    private Dictionary<string, string> Environment => _env.Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);

    private Task<CliRunner.Result> RunAsync(params string[] args) => CliRunner.RunAsync(args, _env.Database.ConnectionString, Environment);

    [Fact]
    public async Task Backfill_fills_every_kind_then_resumes_with_nothing_left_and_a_forced_rerun_adds_no_row()
    {
        var first = await RunAsync("backfill", "--from", "2024-03-12", "--to", "2024-03-14", "--symbols", "BTC,ETH");
        var resumed = await RunAsync("backfill", "--from", "2024-03-12", "--to", "2024-03-14", "--symbols", "BTC", "ETH");
        var again = await RunAsync("backfill", "--from", "2024-03-12", "--to", "2024-03-14", "--symbols", "BTC,ETH", "--again");

        Assert.Equal(0, first.ExitCode);
        Assert.Matches(@"prices\s+4 chunks: 4 done, 0 already done, 0 failed; 1,152 rows added or changed", first.Output);
        Assert.Matches(@"news\s+2 chunks: 2 done, 0 already done, 0 failed; 12 rows added or changed", first.Output);
        Assert.Matches(@"sentiment\s+2 chunks: 2 done, 0 already done, 0 failed; 12 rows added or changed", first.Output);
        Assert.Matches(@"features\s+1 chunks: 1 done, 0 already done, 0 failed; 1,152 rows added or changed", first.Output);
        Assert.Contains("100%", first.Error);
        Assert.Matches(@"prices\s+4 chunks: 0 done, 4 already done, 0 failed; 0 rows", resumed.Output);
        Assert.Matches(@"prices\s+4 chunks: 4 done, 0 already done, 0 failed; 0 rows", again.Output);
        Assert.Matches(@"news\s+2 chunks: 2 done, 0 already done, 0 failed; 0 rows", again.Output);
        Assert.Matches(@"features\s+1 chunks: 1 done, 0 already done, 0 failed; 0 rows", again.Output);
        Assert.Equal(1152L, await _env.Database.ScalarAsync<long>("select count(*) from prices"));
        Assert.Equal(12L, await _env.Database.ScalarAsync<long>("select count(*) from news_articles"));
    }

    [Fact]
    public async Task Failed_chunks_are_listed_with_exit_2_and_retried_on_the_next_run()
    {
        var down = true;
        _env.Prices.Fault("ETHUSDT", async (_, context) =>
        {
            if (!down)
            {
                return false;
            }
            context.Response.StatusCode = 503;
            await context.Response.WriteAsync("maintenance");
            return true;
        });

        var failing = await RunAsync("backfill", "--from", "2024-03-12", "--to", "2024-03-13", "--kinds", "prices", "--symbols", "BTC,ETH");
        down = false;
        var retried = await RunAsync("backfill", "--from", "2024-03-12", "--to", "2024-03-13", "--kinds", "prices", "--symbols", "BTC,ETH");

        Assert.Equal(2, failing.ExitCode);
        Assert.Matches(@"prices\s+2 chunks: 1 done, 0 already done, 1 failed; 288 rows", failing.Output);
        Assert.Contains("failed prices:ETH:2024-03-12: ", failing.Output);
        Assert.Contains("HTTP 503", failing.Output);
        Assert.Equal(0, retried.ExitCode);
        Assert.Matches(@"prices\s+2 chunks: 1 done, 1 already done, 0 failed; 288 rows", retried.Output);
    }

    /// <summary>
    /// Ctrl-C and SIGTERM share one handler. The test sends SIGTERM: a process started from a background job
    /// inherits SIGINT as ignored, as the test host's children are here.
    /// </summary>
    [Fact]
    public async Task Ctrl_C_stops_and_the_next_run_resumes_where_it_stopped()
    {
        _env.Prices.Fault("BTCUSDT", async (_, _) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(700));
            return false;
        });
        var environment = new Dictionary<string, string>(Environment) { ["Backfill__MaxParallelism"] = "1" };
        string[] args = ["backfill", "--from", "2024-03-10", "--to", "2024-03-14", "--kinds", "prices", "--symbols", "BTC"];
        using var process = CliRunner.Start(args, _env.Database.ConnectionString, environment);
        var firstChunk = new TaskCompletionSource();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("1/4 prices chunks", StringComparison.Ordinal) == true)
            {
                firstChunk.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        await firstChunk.Task.WaitAsync(TimeSpan.FromSeconds(60));
        using (var interrupt = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var doneBefore = await _env.Database.ScalarAsync<long>("select count(*) from backfill_chunks where status = 'done'");
        var resumed = await CliRunner.RunAsync(args, _env.Database.ConnectionString, environment);

        Assert.Equal(130, process.ExitCode);
        Assert.InRange(doneBefore, 1, 3);
        Assert.Matches($@"prices\s+4 chunks: {4 - doneBefore} done, {doneBefore} already done, 0 failed", resumed.Output);
        Assert.Equal(4L * 288, await _env.Database.ScalarAsync<long>("select count(*) from prices"));
    }

    [Fact]
    public async Task Invalid_arguments_list_every_reason()
    {
        var result = await RunAsync("backfill", "--from", "2024-03-14", "--to", "2024-03-12", "--kinds", "prices,tweets");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: from (2024-03-14) must be before to (2024-03-12); to is exclusive", result.Error);
        Assert.Contains("error: unknown kind 'tweets'", result.Error);
    }
}
