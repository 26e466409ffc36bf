using CryptoFunctions.Core.News;
using Xunit;

namespace CryptoFunctions.Tests.News;

public sealed class TitleKeyTests
{
    [Theory]
    [InlineData("Bitcoin price hits $73K as spot ETF inflows top $1B", "Bitcoin Price Hits $73k as Spot ETF Inflows Top $1B")]
    [InlineData("U.S. SEC's decision on Ether ETFs delayed", "US SECs decision on ether ETFs — delayed")]
    [InlineData("Café owners accept 1,000 BTC payments", "Cafe owners accept 1000 BTC payments!")]
    [InlineData("Ethereum’s Dencun upgrade goes live", "Ethereum's Dencun Upgrade Goes Live")]
    public void Syndicated_copies_share_a_key(string a, string b)
    {
        Assert.NotNull(TitleKey.For(a));
        Assert.Equal(TitleKey.For(a), TitleKey.For(b));
    }

    [Fact]
    public void Different_stories_differ() =>
        Assert.NotEqual(TitleKey.For("Bitcoin price hits $73K today"), TitleKey.For("Bitcoin price hits $72K today"));

    [Theory]
    [InlineData("Market update")]
    [InlineData("Bitcoin price today")]
    public void Short_generic_titles_have_no_key(string title) => Assert.Null(TitleKey.For(title));
}
