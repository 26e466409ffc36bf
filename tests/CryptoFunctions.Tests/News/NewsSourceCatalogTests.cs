using System.Text;
using CryptoFunctions.Core.News;
using Microsoft.Extensions.Options;
using Xunit;

namespace CryptoFunctions.Tests.News;

public sealed class NewsSourceCatalogTests
{
    [Fact]
    public void Shipped_catalog_lists_26_real_sources_with_https_feeds()
    {
        var sources = new NewsSourceCatalog(Options.Create(new NewsOptions())).Load();

        Assert.Equal(26, sources.Count);
        Assert.All(sources, s => Assert.Equal(Uri.UriSchemeHttps, s.FeedUrl.Scheme));
        Assert.Contains(sources, s => s.Id == "coindesk" && s.FeedUrl.AbsoluteUri == "https://www.coindesk.com/arc/outboundfeeds/rss/");
    }

    [Theory]
    [InlineData("not json", "are not valid JSON")]
    [InlineData("{\"sources\": []}", "list no source")]
    [InlineData("{\"sources\": [{\"id\": \"Bad Id\", \"feedUrl\": \"https://a.example/feed\"}]}", "source #1 'Bad Id': id must be lower-case letters, digits and dashes")]
    [InlineData("{\"sources\": [{\"id\": \"a\", \"feedUrl\": \"ftp://a.example/feed\"}]}", "source #1 'a': feedUrl must be an absolute http(s) URL")]
    [InlineData("{\"sources\": [{\"id\": \"a\", \"feedUrl\": \"https://a.example/1\"}, {\"id\": \"a\", \"feedUrl\": \"https://a.example/2\"}]}", "source #2 'a': id is listed twice")]
    public void Bad_catalogs_are_refused_with_every_reason(string json, string reason)
    {
        var error = Assert.Throws<InvalidDataException>(() => NewsSourceCatalog.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json"));

        Assert.Contains(reason, error.Message);
        Assert.Contains("test.json", error.Message);
    }
}
