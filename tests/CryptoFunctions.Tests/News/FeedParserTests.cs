using System.Text;
using CryptoFunctions.Core.News;
using Xunit;

namespace CryptoFunctions.Tests.News;

/// <summary>What the parser refuses, and the DTD tricks it must never act on.</summary>
public sealed class FeedParserTests
{
    private static readonly Uri FeedUrl = new("https://example.com/feed");

    private static IReadOnlyList<FeedItem> Parse(string xml) => FeedParser.Parse(Encoding.UTF8.GetBytes(xml), FeedUrl);

    [Fact]
    public void External_DTD_of_old_RSS_0_91_feeds_is_ignored_not_fetched()
    {
        var items = Parse(
            """
            <?xml version="1.0"?>
            <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://127.0.0.1:9/rss-0.91.dtd">
            <rss version="0.91"><channel><title>t</title><item><title>Old but fine</title><link>https://example.com/a</link></item></channel></rss>
            """);

        Assert.Equal("Old but fine", Assert.Single(items).Title);
    }

    [Fact]
    public void Entity_expansion_bombs_are_refused()
    {
        var error = Assert.Throws<FeedFormatException>(() => Parse(
            """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <rss version="2.0"><channel><item><title>&lol2;</title><link>https://example.com/a</link></item></channel></rss>
            """));

        Assert.StartsWith("malformed XML", error.Message);
    }

    [Theory]
    [InlineData("<html><body>Not found</body></html>", "response is an HTML page, not a feed")]
    [InlineData("  <!doctype html><html></html>", "response is an HTML page, not a feed")]
    [InlineData("<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"/>", "not a feed: root element is <urlset>")]
    [InlineData("<?xml version=\"1.0\"?><rss version=\"2.0\"/>", "RSS document has no <channel>")]
    [InlineData("", "malformed XML: Root element is missing.")]
    public void Non_feeds_are_refused_with_a_reason(string body, string reason) =>
        Assert.Equal(reason, Assert.Throws<FeedFormatException>(() => Parse(body)).Message);

    [Fact]
    public void Unknown_declared_encoding_is_refused_with_a_reason()
    {
        var error = Assert.Throws<FeedFormatException>(() => Parse("<?xml version=\"1.0\" encoding=\"x-no-such-charset\"?><rss version=\"2.0\"><channel/></rss>"));

        Assert.StartsWith("malformed XML", error.Message);
        Assert.Contains("x-no-such-charset", error.Message);
    }

    [Fact]
    public void Bom_followed_by_blank_lines_still_parses()
    {
        var body = Encoding.UTF8.GetPreamble()
            .Concat(Encoding.UTF8.GetBytes("\n\n<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><item><title>Café</title><link>/a</link></item></channel></rss>"))
            .ToArray();

        var item = Assert.Single(FeedParser.Parse(body, FeedUrl));

        Assert.Equal("Café", item.Title);
        Assert.Equal("https://example.com/a", item.Link?.AbsoluteUri);
    }

    [Fact]
    public void Item_link_falls_back_to_a_permalink_guid_only()
    {
        var items = Parse(
            """
            <rss version="2.0"><channel>
              <item><title>a</title><guid>https://example.com/permalink</guid></item>
              <item><title>b</title><guid isPermaLink="false">https://example.com/not-a-link</guid></item>
            </channel></rss>
            """);

        Assert.Equal("https://example.com/permalink", items[0].Link?.AbsoluteUri);
        Assert.Null(items[1].Link);
    }
}
