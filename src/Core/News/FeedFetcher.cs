using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace CryptoFunctions.Core.News;

/// <summary>
/// Fetches one feed: conditional GET, a response-size cap, and one time budget for everything.
/// Retries with backoff and Retry-After come from the resilience handler of this typed client.
/// </summary>
public sealed class FeedFetcher(HttpClient http, IOptions<NewsOptions> options)
{
    public const string HttpClientName = "news-feeds";

    public async Task<FeedFetch> FetchAsync(NewsSource source, SourceState? state, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(settings.SourceTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, source.FeedUrl);
            request.Headers.UserAgent.ParseAdd(settings.UserAgent);
            request.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1");
            if (state?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
            {
                request.Headers.IfNoneMatch.Add(tag);
            }
            if (state?.LastModified is { } lastModified)
            {
                request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, budget.Token);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new FeedFetch(null, state?.ETag, state?.LastModified);
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new FeedFetchException(DescribeStatus(response));
            }
            var body = await ReadCappedAsync(response.Content, settings.MaxResponseBytes, budget.Token);
            return new FeedFetch(
                body,
                response.Headers.ETag?.ToString(),
                response.Content.Headers.LastModified?.ToString("R"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FeedFetchException($"timed out after {settings.SourceTimeout.TotalSeconds:0.#} s");
        }
        catch (TimeoutRejectedException e)
        {
            throw new FeedFetchException($"no answer within {settings.AttemptTimeout.TotalSeconds:0.#} s per attempt", e);
        }
        catch (HttpRequestException e)
        {
            throw new FeedFetchException($"request failed: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new FeedFetchException($"connection lost while reading the body: {e.Message}", e);
        }
    }

    private static string DescribeStatus(HttpResponseMessage response)
    {
        var text = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
        return response.Headers.RetryAfter is { } retryAfter ? $"{text} (retry after {RetryAfterText(retryAfter)})" : text;
    }

    private static string RetryAfterText(RetryConditionHeaderValue value) =>
        value.Delta is { } delta ? $"{delta.TotalSeconds:0} s" : value.Date?.ToString("u") ?? "?";

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, long cap, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > cap)
        {
            throw new FeedFetchException($"response of {content.Headers.ContentLength} bytes exceeds the {cap}-byte cap");
        }
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > cap)
            {
                throw new FeedFetchException($"response exceeds the {cap}-byte cap");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}

/// <summary>A fetched feed body, or null when the source answered 304 Not Modified.</summary>
public sealed record FeedFetch(byte[]? Body, string? ETag, string? LastModified);
