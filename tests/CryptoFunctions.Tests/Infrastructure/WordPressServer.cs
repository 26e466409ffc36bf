using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace CryptoFunctions.Tests.Infrastructure;

/// <summary>
/// A WordPress site's REST API (<c>/wp-json/wp/v2/posts</c>) on 127.0.0.1: posts in WordPress's own JSON shape,
/// filtered by after/before, paged with X-WP-Total / X-WP-TotalPages and the 400 WordPress gives past the last page.
/// </summary>
public sealed class WordPressServer : IAsyncLifetime
{
    private readonly FeedServer _server = new();
    private readonly List<JsonObject> _posts = [];

    public Uri Site => _server.BaseUrl;

    public int Requests => _server.Hits("/wp-json/wp/v2/posts");

    /// <summary>Posts a day apart from <paramref name="first"/>'s day, <paramref name="perDay"/> a day, at even hours.</summary>
    public void AddPosts(DateOnly first, int days, int perDay)
    {
        for (var d = 0; d < days; d++)
        {
            for (var i = 0; i < perDay; i++)
            {
                var id = 1000 + _posts.Count;
                var date = first.AddDays(d).ToDateTime(new TimeOnly(i % 24, 7 * (i / 24) % 60));
                var slug = $"bitcoin-market-update-{id}";
                _posts.Add(new JsonObject
                {
                    ["id"] = id,
                    ["date"] = date.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
                    ["date_gmt"] = date.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
                    ["guid"] = new JsonObject { ["rendered"] = $"{Site}?p={id}" },
                    ["modified_gmt"] = date.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
                    ["slug"] = slug,
                    ["status"] = "publish",
                    ["type"] = "post",
                    ["link"] = $"{Site}{slug}/",
                    ["title"] = new JsonObject { ["rendered"] = $"Bitcoin market update #{id}: BTC &#8217;s range holds as ETH lags" },
                    ["excerpt"] = new JsonObject { ["rendered"] = $"<p>Bitcoin (BTC) traded in a tight range in session {id} while Ethereum (ETH) lagged &hellip;</p>\n", ["protected"] = false },
                    ["author"] = 7,
                    ["categories"] = new JsonArray(3, 12),
                });
            }
        }
    }

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        _server.Map("/wp-json/wp/v2/posts", Posts);
    }

    public Task DisposeAsync() => _server.DisposeAsync();

    private async Task Posts(HttpContext context)
    {
        var q = context.Request.Query;
        var after = DateTime.Parse(q["after"].ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        var before = DateTime.Parse(q["before"].ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        var perPage = int.Parse(q["per_page"].ToString(), CultureInfo.InvariantCulture);
        var page = int.Parse(q["page"].ToString(), CultureInfo.InvariantCulture);
        var matching = _posts
            .Where(p => DateTime.Parse(p["date_gmt"]!.GetValue<string>(), CultureInfo.InvariantCulture) is var d && d > after && d < before)
            .ToList();
        var pages = Math.Max(1, (matching.Count + perPage - 1) / perPage);
        if (page > pages)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("{\"code\":\"rest_post_invalid_page_number\",\"message\":\"The page number requested is larger than the number of pages available.\",\"data\":{\"status\":400}}");
            return;
        }
        context.Response.Headers["X-WP-Total"] = matching.Count.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-WP-TotalPages"] = pages.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(new JsonArray([.. matching.Skip((page - 1) * perPage).Take(perPage).Select(p => p.DeepClone())]).ToJsonString());
    }
}
