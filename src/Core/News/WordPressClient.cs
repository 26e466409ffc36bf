using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CryptoFunctions.Core.News;

/// <summary>
/// History from a WordPress site's REST API (<c>/wp-json/wp/v2/posts?after=&amp;before=&amp;per_page=&amp;page=</c>):
/// the posts published in a window, as feed items, all pages.
/// </summary>
public sealed class WordPressClient(HttpClient http)
{
    public const string HttpClientName = "news-wordpress";

    /// <summary>Posts published in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<IReadOnlyList<FeedItem>> GetPostsAsync(Uri site, DateTimeOffset from, DateTimeOffset to, int perPage, CancellationToken cancellationToken)
    {
        // WordPress's after and before are both exclusive and to the second: a second before the window's start
        // keeps a post published at exactly midnight in the day it opens (and out of the day before).
        var after = from.AddSeconds(-1);
        var before = to;
        var items = new List<FeedItem>();
        for (var page = 1; ; page++)
        {
            var url = new Uri(site, string.Create(CultureInfo.InvariantCulture,
                $"wp-json/wp/v2/posts?after={after.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z&before={before.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z&per_page={perPage}&page={page}&orderby=date&order=asc&_fields=id,date_gmt,link,guid,title,excerpt"));
            using var response = await http.GetAsync(url, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            // Asking past the last page is how WordPress says there are no more (400 rest_post_invalid_page_number).
            if (response.StatusCode == HttpStatusCode.BadRequest && page > 1
                && System.Text.Encoding.UTF8.GetString(body).Contains("rest_post_invalid_page_number", StringComparison.Ordinal))
            {
                break;
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new FeedFetchException($"WordPress posts page {page} of {site.Host}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            var posts = Parse(body, $"WordPress posts page {page} of {site.Host}");
            items.AddRange(posts);
            var totalPages = response.Headers.TryGetValues("X-WP-TotalPages", out var values) && int.TryParse(values.FirstOrDefault(), out var total) ? total : (int?)null;
            if (posts.Count < perPage || (totalPages is { } t && page >= t))
            {
                break;
            }
        }
        return items;
    }

    public static List<FeedItem> Parse(byte[] body, string what)
    {
        List<Post>? posts;
        try
        {
            posts = JsonSerializer.Deserialize(body, WordPressJsonContext.Default.ListPost);
        }
        catch (JsonException e)
        {
            throw new FeedFormatException($"{what}: not a JSON array of posts ({e.Message})", e);
        }
        return (posts ?? []).Select(p => new FeedItem(
            p.Title?.Rendered,
            Uri.TryCreate(p.Link, UriKind.Absolute, out var link) ? link : null,
            p.Guid?.Rendered ?? p.Id?.ToString(CultureInfo.InvariantCulture),
            p.Excerpt?.Rendered,
            null,
            null,
            // date_gmt has no zone designator; it is UTC by definition.
            string.IsNullOrEmpty(p.DateGmt) ? null : p.DateGmt + "Z",
            [],
            null)).ToList();
    }

    internal sealed record RenderedText([property: JsonPropertyName("rendered")] string? Rendered);

    internal sealed record Post(
        [property: JsonPropertyName("id")] long? Id,
        [property: JsonPropertyName("date_gmt")] string? DateGmt,
        [property: JsonPropertyName("link")] string? Link,
        [property: JsonPropertyName("guid")] RenderedText? Guid,
        [property: JsonPropertyName("title")] RenderedText? Title,
        [property: JsonPropertyName("excerpt")] RenderedText? Excerpt);
}

[JsonSerializable(typeof(List<WordPressClient.Post>))]
internal sealed partial class WordPressJsonContext : JsonSerializerContext;
