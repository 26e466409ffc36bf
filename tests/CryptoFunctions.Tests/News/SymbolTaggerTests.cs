using CryptoFunctions.Core.Universe;
using CryptoFunctions.Tests.Infrastructure;
using Xunit;

namespace CryptoFunctions.Tests.News;

public sealed class SymbolTaggerTests
{
    [Theory]
    [InlineData("Bitcoin and Ethereum rally", "BTC,ETH")]
    [InlineData("BTC and ETH rally; eth lower-case is not a ticker", "BTC,ETH")]
    [InlineData("Bitcoin Cash forks again", "BCH")]
    [InlineData("Wrapped Bitcoin supply grows", "WBTC")]
    [InlineData("Ethereum Classic hit by 51% attack", "ETC")]
    [InlineData("Users link wallets to see the near-term sol", "")]
    [InlineData("NEAR, SOL, LINK, ONE and GAS all rose", "")]
    [InlineData("$NEAR, $sol and $LINK rose", "LINK,NEAR,SOL")]
    [InlineData("Chainlink and Solana partner with NEAR Protocol", "LINK,NEAR,SOL")]
    [InlineData("Harmony One bridge reopens; harmony returns", "ONE")]
    [InlineData("Stellar performance for VC funding", "")]
    [InlineData("Stellar partners with MoneyGram; XLM jumps", "XLM")]
    [InlineData("Polygon Labs cuts staff", "")]
    [InlineData("Bitcoin's halving, Ethereum-based tokens", "BTC,ETH")]
    [InlineData("BTCUSD and bitcoiner are not words of the dictionary", "")]
    [InlineData("1INCH and dYdX", "1INCH,DYDX")]
    public void Tags_symbols_on_word_boundaries(string text, string expected)
    {
        var symbols = Normalization.Tagger.Tag(text);
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), symbols);
    }

    [Fact]
    public void Shipped_universe_has_124_unique_symbols()
    {
        var universe = CoinUniverse.Load(null);
        Assert.Equal(124, universe.Coins.Count);
        Assert.Equal(124, universe.Coins.Select(c => c.Symbol).Distinct().Count());
    }
}
