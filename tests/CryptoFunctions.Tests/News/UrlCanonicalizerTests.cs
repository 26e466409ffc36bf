using CryptoFunctions.Core.News;
using Xunit;

namespace CryptoFunctions.Tests.News;

public sealed class UrlCanonicalizerTests
{
    [Theory]
    [InlineData("https://www.coindesk.com/markets/2023/03/13/x/?utm_medium=referral&utm_source=rss&utm_campaign=headlines", "https://www.coindesk.com/markets/2023/03/13/x/")]
    [InlineData("HTTPS://Cointelegraph.COM/news/Bitcoin-Price#comments", "https://cointelegraph.com/news/Bitcoin-Price")]
    [InlineData("https://beincrypto.com/a/?fbclid=IwAR2&page=2&utm_source=x&gclid=1", "https://beincrypto.com/a/?page=2")]
    [InlineData("http://example.com:80/a?b=1&ref=feed", "http://example.com/a?b=1")]
    [InlineData("https://example.com:8443/a?UTM_Source=x", "https://example.com:8443/a")]
    [InlineData("https://example.com/search?q=bitcoin+etf&sort=new", "https://example.com/search?q=bitcoin+etf&sort=new")]
    [InlineData("https://example.com/a?mc_cid=1&mc_eid=2&_hsenc=3", "https://example.com/a")]
    public void Canonicalizes(string url, string expected)
    {
        Assert.True(UrlCanonicalizer.TryCanonicalize(new Uri(url), out var canonical));
        Assert.Equal(expected, canonical);
    }

    [Theory]
    [InlineData("ftp://example.com/a")]
    [InlineData("mailto:news@example.com")]
    public void Rejects_non_web_links(string url) => Assert.False(UrlCanonicalizer.TryCanonicalize(new Uri(url), out _));

    [Fact]
    public void Rejects_a_missing_link() => Assert.False(UrlCanonicalizer.TryCanonicalize(null, out _));
}
