using CryptoFunctions.Core.News;
using Xunit;

namespace CryptoFunctions.Tests.News;

public sealed class HtmlTextTests
{
    [Theory]
    [InlineData("<p>Bitcoin <strong>rallies</strong></p><p>again</p>", "Bitcoin rallies again")]
    [InlineData("Bit<b>coin</b> is one word", "Bitcoin is one word")]
    [InlineData("<style>.x{}</style><script>var a = '<p>';</script>Text", "Text")]
    [InlineData("a<!-- <p>hidden</p> -->b", "ab")]
    [InlineData("Ethereum&#8217;s &amp; Solana&rsquo;s", "Ethereum’s & Solana’s")]
    [InlineData("Solana&amp;#8217;s frenzy", "Solana’s frenzy")]
    [InlineData("AT&amp;T and Q&amp;A", "AT&T and Q&A")]
    [InlineData("price < $30k and > $20k", "price < $30k and > $20k")]
    [InlineData("  lots\n\tof \u00a0 space\u200b ", "lots of space")]
    [InlineData("<img src=\"x.jpg\"/>Caption<br>next", "Caption next")]
    [InlineData("no markup at all", "no markup at all")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Strips_markup_and_decodes_entities(string? html, string expected) => Assert.Equal(expected, HtmlText.ToPlainText(html));
}
