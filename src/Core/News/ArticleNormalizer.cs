using Microsoft.Extensions.Options;

namespace CryptoFunctions.Core.News;

/// <summary>Turns feed items into articles: plain text, canonical URL, UTC dates, coin symbols.</summary>
public sealed class ArticleNormalizer(SymbolTagger tagger, IOptions<NewsOptions> options)
{
    // Dates further ahead than this are feed errors, not scheduled posts we could have seen.
    private static readonly TimeSpan MaxFutureSkew = TimeSpan.FromDays(1);
    private const int MaxTitleLength = 1000;
    private const int MaxAuthorLength = 200;

    /// <summary>Null when the item cannot be an article (no usable link or title); the reason says why.</summary>
    public Article? Normalize(FeedItem item, string sourceId, DateTimeOffset collectedAt, out string? rejection)
    {
        rejection = null;
        if (!UrlCanonicalizer.TryCanonicalize(item.Link, out var canonical))
        {
            rejection = "no http(s) link";
            return null;
        }
        var title = Truncate(HtmlText.ToPlainText(item.Title), MaxTitleLength);
        if (title.Length == 0)
        {
            rejection = "no title";
            return null;
        }
        var summary = HtmlText.ToPlainText(item.Summary);
        if (summary.Length == 0)
        {
            summary = HtmlText.ToPlainText(item.Content);
        }
        summary = Truncate(summary, options.Value.MaxSummaryLength);

        var inferred = !FeedDates.TryParse(item.Published, out var published) || published > collectedAt + MaxFutureSkew;
        if (inferred)
        {
            published = collectedAt;
        }

        var author = Truncate(HtmlText.ToPlainText(item.Author), MaxAuthorLength);
        return new Article(
            CanonicalUrl: canonical,
            Url: item.Link!.AbsoluteUri,
            SourceId: sourceId,
            Guid: item.Guid is null ? null : HtmlText.CollapseWhitespace(item.Guid),
            Title: title,
            TitleKey: TitleKey.For(title),
            Summary: summary.Length == 0 ? null : summary,
            Author: author.Length == 0 ? null : author,
            ImageUrl: item.ImageUrl?.AbsoluteUri,
            Categories: item.Categories.Select(HtmlText.ToPlainText).Where(c => c.Length > 0).ToList(),
            Symbols: tagger.Tag(summary.Length == 0 ? title : $"{title}\n{summary}"),
            PublishedAt: published.ToUniversalTime(),
            PublishedAtInferred: inferred,
            CollectedAt: collectedAt);
    }

    /// <summary>Cuts at a word boundary and marks the cut with an ellipsis.</summary>
    private static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', max - 1, Math.Min(max - 1, 200));
        return string.Concat(text.AsSpan(0, cut > 0 ? cut : max - 1), "…");
    }
}
