using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CryptoFunctions.Core.News;
using CryptoFunctions.Tests.Infrastructure;
using Xunit;

namespace CryptoFunctions.Tests.News;

/// <summary>
/// Every feed of the corpus, parsed and normalised, against its expected items (Fixtures/feeds/*.expected.json):
/// the item count, how many items are rejected, and the listed items field by field.
/// </summary>
public sealed class FeedCorpusTests
{
    private static readonly DateTimeOffset CollectedAt = new(2024, 3, 13, 15, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Feeds => new(FeedCorpus.All.Select(f => f.Id));

    [Theory]
    [MemberData(nameof(Feeds))]
    public void Feed_gives_the_expected_articles(string id)
    {
        var feed = FeedCorpus.Get(id);
        var items = FeedParser.Parse(File.ReadAllBytes(feed.File), FeedCorpus.CatalogUrl(feed));
        var articles = items.Select(i => Normalization.Normalizer.Normalize(i, id, CollectedAt, out _)).ToList();
        var actual = articles.OfType<Article>().Select(Describe).ToList();

        var expected = JsonNode.Parse(File.ReadAllText(TestEnvironment.FixturePath("feeds", $"{id}.expected.json")))!;
        var dump = JsonSerializer.Serialize(actual, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.True(expected["count"]!.GetValue<int>() == items.Count, $"item count {items.Count}; articles:\n{dump}");
        Assert.True(expected["rejected"]!.GetValue<int>() == articles.Count(a => a is null), $"rejected {articles.Count(a => a is null)}");
        foreach (var want in expected["items"]!.AsArray())
        {
            var url = want!["url"]!.GetValue<string>();
            var got = actual.SingleOrDefault(a => a.Url == url);
            Assert.True(got is not null, $"no article with url {url}; articles:\n{dump}");
            Assert.Equal(want["title"]!.GetValue<string>(), got.Title);
            Assert.Equal(want["published"]?.GetValue<string>(), got.Published);
            Assert.Equal(want["author"]?.GetValue<string>(), got.Author);
            Assert.Equal(want["summary"]?.GetValue<string>(), got.Summary);
            Assert.Equal(want["image"]?.GetValue<string>(), got.Image);
            Assert.Equal(want["symbols"]!.AsArray().Select(s => s!.GetValue<string>()).ToArray(), got.Symbols);
        }
    }

    private static Expected Describe(Article a) => new(
        a.Title,
        a.CanonicalUrl,
        a.PublishedAtInferred ? null : a.PublishedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        a.Author,
        a.Summary,
        a.ImageUrl,
        [.. a.Symbols]);

    private sealed record Expected(string Title, string Url, string? Published, string? Author, string? Summary, string? Image, string[] Symbols);
}
