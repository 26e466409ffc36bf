using CryptoFunctions.Core.News;

namespace CryptoFunctions.Tests.Infrastructure;

/// <summary>The recorded and modelled feeds the tests serve, each with the URL it would have in the catalog.</summary>
public static class FeedCorpus
{
    public sealed record Feed(string Id, string File, string Path)
    {
        public string ContentType => File.EndsWith(".atom", StringComparison.Ordinal) ? "application/atom+xml" : "application/rss+xml";
    }

    public static IReadOnlyList<Feed> All { get; } =
    [
        new("coindesk", TestEnvironment.SharedPath("data", "feeds", "coindesk-2023-03-13.xml"), "/coindesk/arc/outboundfeeds/rss/"),
        new("cointelegraph", TestEnvironment.FixturePath("feeds", "cointelegraph.xml"), "/cointelegraph/rss"),
        new("decrypt", TestEnvironment.FixturePath("feeds", "decrypt.xml"), "/decrypt/feed"),
        new("theblock", TestEnvironment.FixturePath("feeds", "theblock.xml"), "/theblock/rss.xml"),
        new("ethereum-blog", TestEnvironment.FixturePath("feeds", "ethereum-blog.atom"), "/ethereum-blog/feed.xml"),
        new("blockworks", TestEnvironment.FixturePath("feeds", "blockworks.atom"), "/blockworks/feed"),
        new("utoday", TestEnvironment.FixturePath("feeds", "utoday-windows1252.xml"), "/utoday/rss"),
        new("bitcoinist", TestEnvironment.FixturePath("feeds", "bitcoinist-bom.xml"), "/bitcoinist/feed/"),
        new("coinjournal", TestEnvironment.FixturePath("feeds", "coinjournal-rdf.xml"), "/coinjournal/feed/"),
        new("cryptoslate", TestEnvironment.FixturePath("feeds", "cryptoslate.xml"), "/cryptoslate/feed/"),
        new("beincrypto", TestEnvironment.FixturePath("feeds", "beincrypto.xml"), "/beincrypto/feed/"),
        new("thedefiant", TestEnvironment.FixturePath("feeds", "thedefiant.xml"), "/thedefiant/api/feed"),
    ];

    public static Feed Get(string id) => All.Single(f => f.Id == id);

    /// <summary>The feed's URL in the shipped catalog, the document URL when parsing without a server.</summary>
    public static Uri CatalogUrl(Feed feed) =>
        NewsSourceCatalog.Parse(typeof(NewsSourceCatalog).Assembly.GetManifestResourceStream("news-sources.json")!, "shipped")
            .Single(s => s.Id == feed.Id).FeedUrl;
}
