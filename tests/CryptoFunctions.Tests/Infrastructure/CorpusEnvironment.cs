using System.Text.Json;
using Xunit;

namespace CryptoFunctions.Tests.Infrastructure;

/// <summary>
/// A fresh database plus the feed corpus on a local server, with a source catalog file pointing at it:
/// what a host needs to run a real collection.
/// </summary>
public sealed class CorpusEnvironment : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public FeedServer Server { get; } = new();

    public string SourcesFile { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await Server.InitializeAsync();
        foreach (var feed in FeedCorpus.All)
        {
            Server.MapFile(feed.Path, feed.File, feed.ContentType);
        }
        SourcesFile = Path.Combine(Path.GetTempPath(), $"sources-{Guid.NewGuid():N}.json");
        var sources = FeedCorpus.All.Select(f => new { id = f.Id, name = f.Id, feedUrl = Server.Url(f.Path).AbsoluteUri });
        await File.WriteAllTextAsync(SourcesFile, JsonSerializer.Serialize(new { sources }));
    }

    public async Task DisposeAsync()
    {
        File.Delete(SourcesFile);
        await Server.DisposeAsync();
        await Database.DisposeAsync();
    }
}
