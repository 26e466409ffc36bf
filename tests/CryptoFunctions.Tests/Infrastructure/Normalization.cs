using CryptoFunctions.Core.News;
using CryptoFunctions.Core.Universe;
using Microsoft.Extensions.Options;

namespace CryptoFunctions.Tests.Infrastructure;

public static class Normalization
{
    public static SymbolTagger Tagger { get; } = new(CoinUniverse.Load(null));

    public static ArticleNormalizer Normalizer { get; } = new(Tagger, Options.Create(new NewsOptions()));
}
