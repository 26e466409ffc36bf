using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace CryptoFunctions.Core.News;

/// <summary>Loads the news source catalog: the shipped one, or the user's file when configured.</summary>
public sealed partial class NewsSourceCatalog(IOptions<NewsOptions> options)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public IReadOnlyList<NewsSource> Load(string? file = null)
    {
        file ??= options.Value.SourcesFile;
        if (string.IsNullOrWhiteSpace(file))
        {
            using var shipped = typeof(NewsSourceCatalog).Assembly.GetManifestResourceStream("news-sources.json")!;
            return Parse(shipped, "the shipped catalog");
        }
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"News sources file '{file}' does not exist.", file);
        }
        using var stream = File.OpenRead(file);
        return Parse(stream, file);
    }

    public static IReadOnlyList<NewsSource> Parse(Stream json, string origin)
    {
        List<Entry>? entries;
        try
        {
            entries = JsonSerializer.Deserialize<CatalogDocument>(json, JsonOptions)?.Sources;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"News sources in {origin} are not valid JSON: {e.Message}", e);
        }
        if (entries is null || entries.Count == 0)
        {
            throw new InvalidDataException($"News sources in {origin} list no source (expected {{\"sources\": [...]}}).");
        }

        var errors = new List<string>();
        var sources = new List<NewsSource>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var where = $"source #{i + 1}{(e.Id is null ? "" : $" '{e.Id}'")}";
            if (string.IsNullOrWhiteSpace(e.Id) || !IdPattern().IsMatch(e.Id))
            {
                errors.Add($"{where}: id must be lower-case letters, digits and dashes");
                continue;
            }
            if (!ids.Add(e.Id))
            {
                errors.Add($"{where}: id is listed twice");
            }
            if (!Uri.TryCreate(e.FeedUrl, UriKind.Absolute, out var feedUrl) || (feedUrl.Scheme != Uri.UriSchemeHttp && feedUrl.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"{where}: feedUrl must be an absolute http(s) URL");
                continue;
            }
            sources.Add(new NewsSource(e.Id, string.IsNullOrWhiteSpace(e.Name) ? e.Id : e.Name.Trim(), feedUrl, e.Site, e.WordPress));
        }
        if (errors.Count > 0)
        {
            throw new InvalidDataException($"News sources in {origin} are invalid: {string.Join("; ", errors)}");
        }
        return sources;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    private sealed record CatalogDocument(List<Entry>? Sources);

    private sealed record Entry(string? Id, string? Name, string? FeedUrl, string? Site, bool WordPress);
}
