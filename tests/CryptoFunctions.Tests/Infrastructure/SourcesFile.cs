using System.Text.Json;

namespace CryptoFunctions.Tests.Infrastructure;

/// <summary>A news source catalog file pointing at the corpus on a local feed server.</summary>
public static class SourcesFile
{
    public static string WriteCorpus(FeedServer server)
    {
        foreach (var feed in FeedCorpus.All)
        {
            server.MapFile(feed.Path, feed.File, feed.ContentType);
        }
        var path = Path.Combine(Path.GetTempPath(), $"sources-{Guid.NewGuid():N}.json");
        var sources = FeedCorpus.All.Select(f => new { id = f.Id, name = f.Id, feedUrl = server.Url(f.Path).AbsoluteUri });
        File.WriteAllText(path, JsonSerializer.Serialize(new { sources }));
        return path;
    }
}
