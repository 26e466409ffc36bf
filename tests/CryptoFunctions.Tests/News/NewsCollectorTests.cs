using System.Text;
using CryptoFunctions.Core.News;
using CryptoFunctions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CryptoFunctions.Tests.News;

/// <summary>The collector end to end: feeds served over HTTP on 127.0.0.1, articles stored in PostgreSQL.</summary>
public sealed class NewsCollectorTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly FeedServer _server = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await _server.InitializeAsync();
        // Three 1-second attempts must fit well inside one source's budget even on a loaded machine.
        _services = _database.BuildServices(new Dictionary<string, string?> { ["News:MaxResponseBytes"] = "200000", ["News:SourceTimeout"] = "00:00:06" });
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
        await _database.DisposeAsync();
    }

    private NewsCollector Collector => _services.GetRequiredService<NewsCollector>();

    private NewsSource Source(string id, string path) => new(id, id, _server.Url(path));

    private List<NewsSource> ServeCorpus()
    {
        foreach (var feed in FeedCorpus.All)
        {
            _server.MapFile(feed.Path, feed.File, feed.ContentType);
        }
        return FeedCorpus.All.Select(f => Source(f.Id, f.Path)).ToList();
    }

    [Fact]
    public async Task Corpus_is_stored_once_and_a_second_collection_adds_nothing()
    {
        var sources = ServeCorpus();

        var first = await Collector.CollectAsync(sources, CancellationToken.None);
        var second = await Collector.CollectAsync(sources, CancellationToken.None);

        Assert.All(first.Sources, s => Assert.Null(s.Error));
        Assert.Equal(78, first.Fetched);
        // The Defiant's copy of the Cointelegraph headline is stored as a duplicate, not counted as new.
        Assert.Equal(77, first.New);
        Assert.Equal(77, first.NewArticleIds.Count);
        Assert.Equal(1, first.Sources.Single(s => s.SourceId == "cryptoslate").Rejected);
        Assert.Equal(0, second.New);
        Assert.Empty(second.NewArticleIds);
        Assert.Equal(78L, await _database.ScalarAsync<long>("select count(*) from news_articles"));
        Assert.Equal("cointelegraph", await _database.ScalarAsync<string>(
            """
            select o.source_id from news_articles d join news_articles o on o.id = d.duplicate_of
            where d.source_id = 'thedefiant' and d.title like 'Bitcoin Price Hits%'
            """));
        Assert.Equal(12L, await _database.ScalarAsync<long>("select count(*) from news_sources where last_success_at is not null and last_error is null"));
    }

    [Fact]
    public async Task Stored_article_keeps_normalised_fields()
    {
        var sources = ServeCorpus();
        await Collector.CollectAsync(sources, CancellationToken.None);

        Assert.Equal("BTC", await _database.ScalarAsync<string>(
            "select array_to_string(symbols, ',') from news_articles where canonical_url = 'https://www.coindesk.com/markets/2023/03/13/bitcoin-us-stock-futures-erase-early-gains-as-first-republic-bank-tanks-50-in-pre-market-trading/'"));
        Assert.Equal(new DateTime(2024, 3, 13, 13, 5, 0, DateTimeKind.Utc), await _database.ScalarAsync<DateTime>(
            "select published_at from news_articles where source_id = 'theblock' and title like 'Coinbase%'"));
        Assert.True(await _database.ScalarAsync<bool>(
            "select published_at_inferred from news_articles where source_id = 'cryptoslate' and title like 'Undated%'"));
        // A relative link resolves against the feed's own address.
        Assert.Equal(_server.Url("/avalanche-foundation-buyback-lfg/").AbsoluteUri, await _database.ScalarAsync<string>(
            "select canonical_url from news_articles where title like 'Avalanche Foundation%'"));
    }

    [Fact]
    public async Task Bad_sources_record_their_error_while_the_others_are_stored()
    {
        var good = FeedCorpus.Get("cointelegraph");
        _server.MapFile("/good", good.File);
        var valid = File.ReadAllText(FeedCorpus.Get("decrypt").File);
        _server.MapBytes("/truncated", Encoding.UTF8.GetBytes(valid[..(valid.Length / 2)]));
        _server.MapBytes("/html", Encoding.UTF8.GetBytes("<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>"), "text/html");
        _server.MapBytes("/xxe", Encoding.UTF8.GetBytes(
            """
            <?xml version="1.0"?>
            <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><title>x</title><item><title>&e;</title><link>https://evil.example/a</link></item></channel></rss>
            """));
        _server.MapBytes("/oversized", InlineFeeds.Rss(Enumerable.Range(0, 2000)
            .Select(i => new InlineFeeds.Item($"Padding story number {i} about nothing", $"https://big.example/{i}", "Wed, 13 Mar 2024 10:00:00 GMT", new string('x', 200)))
            .ToArray()));
        _server.Map("/error500", c => { c.Response.StatusCode = 500; return Task.CompletedTask; });
        _server.Map("/ratelimited", c =>
        {
            c.Response.StatusCode = 429;
            c.Response.Headers.RetryAfter = "1";
            return Task.CompletedTask;
        });
        _server.Map("/ratelimited-long", c =>
        {
            c.Response.StatusCode = 429;
            c.Response.Headers.RetryAfter = "3600";
            return Task.CompletedTask;
        });
        _server.Map("/hangs", async c => await Task.Delay(TimeSpan.FromSeconds(30), c.RequestAborted));
        _server.Map("/slow", async c =>
        {
            c.Response.ContentType = "application/rss+xml";
            await c.Response.WriteAsync("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>", c.RequestAborted);
            for (var i = 0; i < 60; i++)
            {
                await c.Response.WriteAsync(" ", c.RequestAborted);
                await c.Response.Body.FlushAsync(c.RequestAborted);
                await Task.Delay(250, c.RequestAborted);
            }
        });
        _server.Map("/reset", async c =>
        {
            c.Response.ContentType = "application/rss+xml";
            c.Response.ContentLength = 100_000;
            await c.Response.WriteAsync("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>", c.RequestAborted);
            await c.Response.Body.FlushAsync(c.RequestAborted);
            await Task.Delay(200, c.RequestAborted);
            c.Abort();
        });
        string[] bad = ["truncated", "html", "xxe", "oversized", "error500", "ratelimited", "ratelimited-long", "hangs", "slow", "reset"];
        var sources = bad.Select(id => Source(id, "/" + id)).Prepend(Source("good", "/good")).ToList();

        var report = await Collector.CollectAsync(sources, CancellationToken.None);

        var byId = report.Sources.ToDictionary(s => s.SourceId);
        Assert.Null(byId["good"].Error);
        Assert.Equal(3, byId["good"].New);
        Assert.Contains("malformed XML", byId["truncated"].Error);
        Assert.Equal("response is an HTML page, not a feed", byId["html"].Error);
        Assert.Contains("malformed XML", byId["xxe"].Error);
        Assert.Contains("'e'", byId["xxe"].Error);
        Assert.Contains("exceeds the 200000-byte cap", byId["oversized"].Error);
        Assert.Equal("HTTP 500 Internal Server Error", byId["error500"].Error);
        Assert.Equal("HTTP 429 Too Many Requests (retry after 1 s)", byId["ratelimited"].Error);
        Assert.Equal(3, _server.Hits("/ratelimited"));
        Assert.Equal("HTTP 429 Too Many Requests (retry after 3600 s)", byId["ratelimited-long"].Error);
        Assert.Equal(1, _server.Hits("/ratelimited-long"));
        Assert.Equal("no answer within 1 s per attempt", byId["hangs"].Error);
        Assert.Equal("timed out after 6 s", byId["slow"].Error);
        Assert.StartsWith("connection lost while reading the body", byId["reset"].Error);

        Assert.Equal(3L, await _database.ScalarAsync<long>("select count(*) from news_articles"));
        Assert.Equal(0L, await _database.ScalarAsync<long>("select count(*) from news_articles where title like '%root:%'"));
        Assert.Equal(10L, await _database.ScalarAsync<long>("select count(*) from news_sources where last_error is not null and last_success_at is null"));
    }

    [Fact]
    public async Task Rate_limit_is_waited_out_when_short()
    {
        var served = 0;
        var feed = File.ReadAllBytes(FeedCorpus.Get("cointelegraph").File);
        _server.Map("/flaky", async c =>
        {
            if (Interlocked.Increment(ref served) == 1)
            {
                c.Response.StatusCode = 429;
                c.Response.Headers.RetryAfter = "1";
                return;
            }
            await c.Response.Body.WriteAsync(feed);
        });

        var started = TimeProvider.System.GetTimestamp();
        var report = await Collector.CollectAsync([Source("flaky", "/flaky")], CancellationToken.None);

        Assert.Null(report.Sources[0].Error);
        Assert.Equal(3, report.New);
        Assert.Equal(2, _server.Hits("/flaky"));
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromSeconds(0.9), "Retry-After: 1 was not honoured");
    }

    [Fact]
    public async Task Same_story_under_tracking_parameters_is_stored_once()
    {
        _server.MapBytes("/a", InlineFeeds.Rss(new InlineFeeds.Item("Ripple wins appeal in SEC case over XRP sales", "https://news.example/ripple-appeal?utm_source=rss&utm_medium=feed", "Wed, 13 Mar 2024 10:00:00 GMT")));
        _server.MapBytes("/b", InlineFeeds.Rss(new InlineFeeds.Item("Ripple wins appeal in SEC case over XRP sales", "https://NEWS.example/ripple-appeal?fbclid=abc#top", "Wed, 13 Mar 2024 10:00:00 GMT")));

        var first = await Collector.CollectAsync([Source("a", "/a")], CancellationToken.None);
        var second = await Collector.CollectAsync([Source("b", "/b")], CancellationToken.None);

        Assert.Equal(1, first.New);
        Assert.Equal(0, second.New);
        Assert.Equal(1, second.Duplicate);
        Assert.Equal(1L, await _database.ScalarAsync<long>("select count(*) from news_articles"));
    }

    [Fact]
    public async Task Syndicated_copy_outside_the_window_is_a_new_story()
    {
        _server.MapBytes("/a", InlineFeeds.Rss(
            new InlineFeeds.Item("Bitcoin ETF flows turn negative for the week", "https://a.example/1", "Mon, 11 Mar 2024 10:00:00 GMT"),
            new InlineFeeds.Item("Bitcoin ETF flows turn negative for the week", "https://a.example/2", "Fri, 15 Mar 2024 10:00:00 GMT")));
        _server.MapBytes("/b", InlineFeeds.Rss(new InlineFeeds.Item("Bitcoin ETF Flows Turn Negative for the Week", "https://b.example/1", "Tue, 12 Mar 2024 09:00:00 GMT")));

        var report = await Collector.CollectAsync([Source("a", "/a"), Source("b", "/b")], CancellationToken.None);

        Assert.Equal(2, report.New);
        Assert.Equal(3L, await _database.ScalarAsync<long>("select count(*) from news_articles"));
        Assert.Equal("https://a.example/1", await _database.ScalarAsync<string>(
            "select o.canonical_url from news_articles d join news_articles o on o.id = d.duplicate_of where d.canonical_url = 'https://b.example/1'"));
    }

    [Fact]
    public async Task Unchanged_feed_is_asked_for_conditionally()
    {
        var feed = File.ReadAllBytes(FeedCorpus.Get("cointelegraph").File);
        var conditional = 0;
        _server.Map("/etag", async c =>
        {
            if (c.Request.Headers.IfNoneMatch == "\"v1\"")
            {
                conditional++;
                c.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            c.Response.Headers.ETag = "\"v1\"";
            await c.Response.Body.WriteAsync(feed);
        });

        await Collector.CollectAsync([Source("etag", "/etag")], CancellationToken.None);
        var second = await Collector.CollectAsync([Source("etag", "/etag")], CancellationToken.None);

        Assert.Equal(1, conditional);
        Assert.True(second.Sources[0].NotModified);
        Assert.Null(second.Sources[0].Error);
    }

    [Fact]
    public async Task Last_modified_is_sent_back_as_if_modified_since()
    {
        var feed = File.ReadAllBytes(FeedCorpus.Get("cointelegraph").File);
        var lastModified = new DateTimeOffset(2024, 3, 13, 14, 30, 0, TimeSpan.Zero);
        string? asked = null;
        _server.Map("/dated", async c =>
        {
            asked = c.Request.Headers.IfModifiedSince;
            if (c.Request.GetTypedHeaders().IfModifiedSince >= lastModified)
            {
                c.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            c.Response.GetTypedHeaders().LastModified = lastModified;
            await c.Response.Body.WriteAsync(feed);
        });

        var first = await Collector.CollectAsync([Source("dated", "/dated")], CancellationToken.None);
        var second = await Collector.CollectAsync([Source("dated", "/dated")], CancellationToken.None);

        Assert.Equal(3, first.New);
        Assert.Equal("Wed, 13 Mar 2024 14:30:00 GMT", asked);
        Assert.True(second.Sources[0].NotModified);
    }

    [Fact]
    public async Task Validators_of_a_failed_body_are_not_kept()
    {
        var valid = File.ReadAllBytes(FeedCorpus.Get("cointelegraph").File);
        var broken = true;
        _server.Map("/flip", async c =>
        {
            if (c.Request.Headers.IfNoneMatch == "\"v1\"")
            {
                c.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            c.Response.Headers.ETag = "\"v1\"";
            await c.Response.Body.WriteAsync(broken ? valid[..100] : valid);
        });

        var failed = await Collector.CollectAsync([Source("flip", "/flip")], CancellationToken.None);
        broken = false;
        var healed = await Collector.CollectAsync([Source("flip", "/flip")], CancellationToken.None);

        Assert.NotNull(failed.Sources[0].Error);
        Assert.False(healed.Sources[0].NotModified);
        Assert.Equal(3, healed.New);
    }

    [Fact]
    public async Task Original_arriving_after_its_copy_turns_the_copy_into_a_duplicate()
    {
        // The syndicator is collected first (the original's source was down); its copy is new for now.
        _server.MapBytes("/copy", InlineFeeds.Rss(new InlineFeeds.Item("Bitcoin ETF flows turn negative for the week", "https://copy.example/1", "Tue, 12 Mar 2024 16:00:00 GMT")));
        _server.MapBytes("/original", InlineFeeds.Rss(new InlineFeeds.Item("Bitcoin ETF Flows Turn Negative For The Week", "https://original.example/1", "Tue, 12 Mar 2024 14:05:00 GMT")));

        var first = await Collector.CollectAsync([Source("copy", "/copy")], CancellationToken.None);
        var second = await Collector.CollectAsync([Source("original", "/original")], CancellationToken.None);

        Assert.Equal(1, first.New);
        Assert.Equal(1, second.New);
        Assert.Equal(1L, await _database.ScalarAsync<long>("select count(*) from news_articles where duplicate_of is null"));
        Assert.Equal("https://original.example/1", await _database.ScalarAsync<string>(
            "select o.canonical_url from news_articles d join news_articles o on o.id = d.duplicate_of where d.canonical_url = 'https://copy.example/1'"));
    }

    [Fact]
    public async Task Control_characters_in_a_feed_never_reach_the_database()
    {
        // PostgreSQL text cannot hold NUL; one such feed must not fail the batch of every source.
        _server.MapBytes("/nul", Encoding.UTF8.GetBytes(
            """
            <rss version="2.0"><channel><item>
              <title>Null&#0;byte&#1; headline about Bitcoin</title>
              <link>https://nul.example/a</link>
              <guid isPermaLink="false">id&#0;1</guid>
              <dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">A&#0;uthor</dc:creator>
              <category>Mar&#0;kets</category>
              <description>x&#0;y</description>
            </item></channel></rss>
            """));
        _server.MapFile("/good", FeedCorpus.Get("cointelegraph").File);

        var report = await Collector.CollectAsync([Source("nul", "/nul"), Source("good", "/good")], CancellationToken.None);

        Assert.Equal(4, report.New);
        Assert.Equal("Null byte headline about Bitcoin", await _database.ScalarAsync<string>("select title from news_articles where source_id = 'nul'"));
    }
}
