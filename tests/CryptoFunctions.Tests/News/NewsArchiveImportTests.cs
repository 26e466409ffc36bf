using CryptoFunctions.Tests.Infrastructure;
using Xunit;

namespace CryptoFunctions.Tests.News;

/// <summary>`cryptofn import news` over CSV and JSON Lines archives, run as a process against PostgreSQL.</summary>
public sealed class NewsArchiveImportTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("archive-").FullName;

    public Task InitializeAsync() => _database.InitializeAsync();

    public async Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Csv_keeps_good_rows_reports_bad_ones_by_line_and_a_second_import_adds_nothing()
    {
        var file = Path.Combine(_folder, "archive.csv");
        await File.WriteAllTextAsync(file,
            """
            url,title,published_at,summary,source
            https://www.coindesk.com/markets/2024/01/10/sec-approves-spot-bitcoin-etfs/?utm_source=x,SEC Approves Spot Bitcoin ETFs,2024-01-10T21:45:00Z,"The decision, years in the making, opens the door",coindesk
            https://decrypt.co/212345/ethereum-dencun-date,"Ethereum Sets Dencun Date, ""Proto-Danksharding"" Next",2024-01-11 09:30:00+00:00,"A two-line
            summary with a line break",decrypt
            https://example.com/no-title,,2024-01-12T10:00:00Z,,archive
            https://example.com/bad-date,Solana Outage Ends,yesterday-ish,,archive
            not-a-url,Cardano Upgrade Ships,2024-01-13T08:00:00Z,,archive
            https://cointelegraph.com/news/bitcoin-halving-countdown,Bitcoin Halving Countdown Begins,"Sat, 13 Jan 2024 12:00:00 GMT",,cointelegraph
            """);

        var first = await CliRunner.RunAsync(["import", "news", file], _database.ConnectionString);
        var second = await CliRunner.RunAsync(["import", "news", file], _database.ConnectionString);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("6 rows: 3 articles stored, 0 already stored, 3 bad rows", first.Output);
        Assert.Contains("line 5: missing title", first.Output);
        Assert.Contains("line 6: published_at 'yesterday-ish' is not a date", first.Output);
        Assert.Contains("line 7: url 'not-a-url' is not an absolute URL", first.Output);
        Assert.Contains("6 rows: 0 articles stored, 3 already stored, 3 bad rows", second.Output);
        Assert.Equal(3L, await _database.ScalarAsync<long>("select count(*) from news_articles"));
        Assert.Equal("https://www.coindesk.com/markets/2024/01/10/sec-approves-spot-bitcoin-etfs/", await _database.ScalarAsync<string>(
            "select canonical_url from news_articles where source_id = 'coindesk'"));
        // The quoted field kept its line break; the normaliser folds whitespace as it does for feeds.
        Assert.Equal("A two-line summary with a line break", await _database.ScalarAsync<string>("select summary from news_articles where source_id = 'decrypt'"));
        Assert.Equal("BTC", await _database.ScalarAsync<string>("select array_to_string(symbols, ',') from news_articles where source_id = 'cointelegraph'"));
    }

    [Fact]
    public async Task Json_lines_with_mapped_columns_keep_good_rows_and_report_broken_lines()
    {
        var file = Path.Combine(_folder, "archive.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"link": "https://www.theblock.co/post/1/ether-etf", "headline": "Ether ETF Filings Pile Up", "date": "2024-02-01T10:00:00Z"}""",
            """{"link": "https://www.theblock.co/post/2/broken", "headline": "Broken""",
            """["not", "an", "object"]""",
            "",
            """{"link": "https://www.theblock.co/post/3/dogecoin", "headline": "Dogecoin Jumps 20%", "date": 1706781600}""",
            """{"link": "https://www.theblock.co/post/4/xrp", "headline": "XRP Ruling Anniversary", "date": "2024-02-02T08:00:00Z"}""",
        ]);

        var result = await CliRunner.RunAsync(
            ["import", "news", file, "--url-column", "link", "--title-column", "headline", "--published-column", "date", "--source", "theblock"],
            _database.ConnectionString);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("5 rows: 2 articles stored, 0 already stored, 3 bad rows", result.Output);
        Assert.Contains("line 2: not valid JSON", result.Output);
        Assert.Contains("line 3: not a JSON object", result.Output);
        Assert.Contains("line 5: date '1706781600' is not a date", result.Output);
        Assert.Equal(2L, await _database.ScalarAsync<long>("select count(*) from news_articles where source_id = 'theblock'"));
    }

    [Fact]
    public async Task Missing_file_is_a_clear_error()
    {
        var result = await CliRunner.RunAsync(["import", "news", Path.Combine(_folder, "none.csv")], _database.ConnectionString);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not exist", result.Error);
    }
}
