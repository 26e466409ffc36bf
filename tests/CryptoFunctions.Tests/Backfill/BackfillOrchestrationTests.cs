using CryptoFunctions.Core.Backfill;
using CryptoFunctions.Functions.Backfill;
using CryptoFunctions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Xunit;

namespace CryptoFunctions.Tests.Backfill;

/// <summary>
/// The backfill orchestration executed for real (Durable Task in-process host) against PostgreSQL, the price
/// APIs and a WordPress site on 127.0.0.1. Ranges are small: the host runs a few activities a second.
/// </summary>
public sealed class BackfillOrchestrationTests : IAsyncLifetime
{
    private readonly BackfillEnvironment _env = new();

    public Task InitializeAsync() => _env.InitializeAsync();

    public Task DisposeAsync() => _env.DisposeAsync();

    [Fact]
    public async Task Every_kind_is_filled_progress_reaches_100_and_a_second_run_changes_no_row()
    {
        var request = _env.Request("2024-03-12", "2024-03-14", symbols: ["BTC", "ETH"]);

        var first = await _env.RunAsync(request);
        var rows = await SnapshotAsync();
        var second = await _env.RunAsync(request);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, first.RuntimeStatus);
        var result = first.ReadOutputAs<BackfillResult>()!;
        Assert.Empty(result.Failures);
        var byKind = result.Kinds.ToDictionary(k => k.Kind);
        // 2 symbols × 2 one-day chunks of 288 bars; 1 site × 2 days of 6 posts; 12 articles in chunks of 8; one feature chunk.
        Assert.Equal((4L, 4L, 1152L), (byKind[BackfillKind.Prices].Chunks, byKind[BackfillKind.Prices].Done, byKind[BackfillKind.Prices].Rows));
        Assert.Equal((2L, 2L, 12L), (byKind[BackfillKind.News].Chunks, byKind[BackfillKind.News].Done, byKind[BackfillKind.News].Rows));
        Assert.Equal((2L, 2L, 12L), (byKind[BackfillKind.Sentiment].Chunks, byKind[BackfillKind.Sentiment].Done, byKind[BackfillKind.Sentiment].Rows));
        Assert.Equal((1L, 1L, 1152L), (byKind[BackfillKind.Features].Chunks, byKind[BackfillKind.Features].Done, byKind[BackfillKind.Features].Rows));
        var progress = first.ReadCustomStatusAs<BackfillProgress>()!;
        Assert.Equal(100, progress.Percent);
        Assert.True(first.SerializedCustomStatus!.Length < 16 * 1024);
        Assert.Equal(1152L, await _env.Database.ScalarAsync<long>("select count(*) from ml_features_materialized where news_count_24h >= 0"));
        Assert.Equal(12L, await _env.Database.ScalarAsync<long>("select count(*) from news_articles where sentiment_score is not null and symbols @> '{BTC}'"));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, second.RuntimeStatus);
        Assert.Equal(rows, await SnapshotAsync());
        Assert.All(second.ReadOutputAs<BackfillResult>()!.Kinds, k => Assert.Equal(0, k.Rows));
    }

    [Fact]
    public async Task Chunk_failing_twice_then_succeeding_is_retried()
    {
        _env.Prices.Fault("BTCUSDT", async (n, context) =>
        {
            if (n > 2)
            {
                return false;
            }
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("busy");
            return true;
        });
        var request = _env.Request("2024-03-12", "2024-03-13", kinds: ["prices"], symbols: ["BTC"]);

        var run = await _env.RunAsync(request);

        var result = run.ReadOutputAs<BackfillResult>()!;
        Assert.Empty(result.Failures);
        Assert.Equal(288, result.Kinds.Single().Rows);
        Assert.Equal(3, _env.Prices.Requests("BTCUSDT"));
    }

    [Fact]
    public async Task Chunk_that_always_fails_is_reported_and_the_rest_complete()
    {
        _env.Prices.Fault("ETHUSDT", async (_, context) =>
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("down for maintenance");
            return true;
        });
        var request = _env.Request("2024-03-12", "2024-03-14", kinds: ["prices"], symbols: ["BTC", "ETH"]);

        var run = await _env.RunAsync(request);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        var result = run.ReadOutputAs<BackfillResult>()!;
        Assert.Equal(["prices:ETH:2024-03-12", "prices:ETH:2024-03-13"], result.Failures.Select(f => f.Key).Order());
        Assert.All(result.Failures, f => Assert.Contains("HTTP 500", f.Error, StringComparison.Ordinal));
        Assert.Equal((4L, 2L, 2L, 576L), (result.Kinds.Single().Chunks, result.Kinds.Single().Done, result.Kinds.Single().Failed, result.Kinds.Single().Rows));
        Assert.Equal(6, _env.Prices.Requests("ETHUSDT"));
        Assert.Equal(100, run.ReadCustomStatusAs<BackfillProgress>()!.Percent);
    }

    private async Task<string> SnapshotAsync() => string.Join("|",
        await _env.Database.ScalarAsync<string>("select count(*) || md5(string_agg(symbol || ts || xmin, ',' order by symbol, ts)) from prices"),
        await _env.Database.ScalarAsync<string>("select count(*) || md5(string_agg(id || ':' || xmin, ',' order by id)) from news_articles"),
        await _env.Database.ScalarAsync<string>("select count(*) || md5(string_agg(article_id || model || xmin, ',' order by article_id, model)) from article_sentiment"),
        await _env.Database.ScalarAsync<string>("select count(*) || md5(string_agg(symbol || ts || xmin, ',' order by symbol, ts)) from ml_features_materialized"));
}
