using System.Text.Json;
using System.Text.Json.Serialization;

namespace CryptoFunctions.Core.Sentiment;

/// <summary>
/// The message on the <c>sentiment-requests</c> queue: articles to score. Versioned so that a consumer
/// can refuse, rather than misread, a message from a newer producer.
/// </summary>
public sealed record SentimentRequest(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("articleIds")] IReadOnlyList<long> ArticleIds,
    [property: JsonPropertyName("requestedAt")] DateTimeOffset RequestedAt)
{
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = false };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static SentimentRequest FromJson(string json)
    {
        SentimentRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<SentimentRequest>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Sentiment request is not valid JSON: {e.Message}", e);
        }
        if (request is null || request.Version != CurrentVersion)
        {
            throw new FormatException($"Sentiment request version {request?.Version.ToString() ?? "(none)"} is not supported (expected {CurrentVersion}).");
        }
        if (request.ArticleIds is null || request.ArticleIds.Count == 0)
        {
            throw new FormatException("Sentiment request lists no article id.");
        }
        return request;
    }
}
