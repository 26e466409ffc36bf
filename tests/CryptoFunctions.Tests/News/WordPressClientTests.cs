using CryptoFunctions.Core;
using CryptoFunctions.Core.News;
using CryptoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CryptoFunctions.Tests.News;

/// <summary>The WordPress REST history source against a local site in WordPress's JSON shape.</summary>
public sealed class WordPressClientTests : IAsyncLifetime
{
    private readonly WordPressServer _site = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await _site.InitializeAsync();
        _site.AddPosts(new DateOnly(2024, 3, 12), days: 2, perDay: 6);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = "Host=unused" }).Build();
        _services = new ServiceCollection().AddLogging().AddCryptoCore(configuration).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _site.DisposeAsync();
    }

    [Fact]
    public async Task A_day_is_read_page_by_page_including_the_post_at_midnight()
    {
        var day = new DateTimeOffset(2024, 3, 13, 0, 0, 0, TimeSpan.Zero);

        var posts = await _services.GetRequiredService<WordPressClient>().GetPostsAsync(_site.Site, day, day.AddDays(1), perPage: 4, CancellationToken.None);

        Assert.Equal(6, posts.Count);
        Assert.Equal(2, _site.Requests);
        Assert.Contains(posts, p => p.Published == "2024-03-13T00:00:00Z");
        Assert.All(posts, p => Assert.StartsWith("Bitcoin market update #", p.Title, StringComparison.Ordinal));
        Assert.All(posts, p => Assert.NotNull(p.Link));
    }

    [Fact]
    public async Task An_empty_day_is_one_request()
    {
        var day = new DateTimeOffset(2024, 3, 20, 0, 0, 0, TimeSpan.Zero);

        var posts = await _services.GetRequiredService<WordPressClient>().GetPostsAsync(_site.Site, day, day.AddDays(1), perPage: 100, CancellationToken.None);

        Assert.Empty(posts);
        Assert.Equal(1, _site.Requests);
    }
}
