using System.Text.Json;
using Azure.Storage.Queues;
using Npgsql;
using Xunit;

namespace CryptoFunctions.Tests.Infrastructure;

/// <summary>
/// A fresh database plus the feed corpus on a local server, with a source catalog file pointing at it,
/// and a sentiment queue of its own in Azurite: what a host needs to run a real collection.
/// </summary>
public sealed class CorpusEnvironment : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public FeedServer Server { get; } = new();

    public string SourcesFile { get; private set; } = null!;

    public string QueueName { get; } = $"sentiment-requests-{Guid.NewGuid():N}"[..40];

    /// <summary>Host settings pointing at this environment's database, feeds and queue, plus <paramref name="overrides"/>.</summary>
    public Dictionary<string, string?> Settings(IDictionary<string, string?>? overrides = null) =>
        Database.Settings(new Dictionary<string, string?>
        {
            ["News:SourcesFile"] = SourcesFile,
            ["SentimentQueue:QueueName"] = QueueName,
        }.Concat(overrides ?? new Dictionary<string, string?>()));

    /// <summary>Takes every message off this environment's queue and returns their texts.</summary>
    public async Task<List<string>> DrainQueueAsync()
    {
        var queue = new QueueClient(TestEnvironment.Storage, QueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var messages = new List<string>();
        while ((await queue.ReceiveMessagesAsync(maxMessages: 32)).Value is { Length: > 0 } batch)
        {
            foreach (var message in batch)
            {
                messages.Add(message.MessageText);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
        return messages;
    }

    /// <summary>Ids of the stored articles that are not syndicated copies, in id order.</summary>
    public async Task<long[]> UniqueArticleIdsAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select id from news_articles where duplicate_of is null order by id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<long>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }
        return [.. ids];
    }

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
        await new QueueClient(TestEnvironment.Storage, QueueName).DeleteIfExistsAsync();
        await Server.DisposeAsync();
        await Database.DisposeAsync();
    }
}
