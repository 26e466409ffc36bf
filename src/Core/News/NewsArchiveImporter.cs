using System.Globalization;
using System.Text.Json;
using nietras.SeparatedValues;

namespace CryptoFunctions.Core.News;

/// <summary>Which column (CSV header or JSON property) holds each field of an archived article.</summary>
public sealed record ArchiveColumns(
    string Url = "url",
    string Title = "title",
    string Published = "published_at",
    string? Summary = "summary",
    string? Author = "author",
    string? Source = "source");

public sealed record ArchiveRowProblem(long Line, string Reason);

public sealed record ArchiveImportReport(long Rows, long Stored, long AlreadyStored, IReadOnlyList<ArchiveRowProblem> BadRows);

/// <summary>
/// Imports an archive of articles (CSV with a header row, or JSON Lines) through the same normaliser and
/// repository as the feeds: canonical URLs, tagging, de-duplication, idempotent. A bad row is reported with its
/// line number and skipped; the good rows around it are kept.
/// </summary>
public sealed class NewsArchiveImporter(ArticleNormalizer normalizer, NewsRepository repository, TimeProvider time)
{
    private const int BatchSize = 5000;

    public async Task<ArchiveImportReport> ImportAsync(
        string path, ArchiveColumns columns, string defaultSource, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Archive '{path}' does not exist.", path);
        }
        var now = time.GetUtcNow();
        var bad = new List<ArchiveRowProblem>();
        var batch = new List<Article>(BatchSize);
        long rows = 0, stored = 0, already = 0;
        var rowsRead = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ReadCsv(path) : ReadJsonLines(path);
        foreach (var (line, fields, readError) in rowsRead)
        {
            cancellationToken.ThrowIfCancellationRequested();
            rows++;
            string? error = readError;
            var article = error is null ? ToArticle(fields!, columns, defaultSource, now, out error) : null;
            if (article is null)
            {
                bad.Add(new ArchiveRowProblem(line, error!));
            }
            else
            {
                batch.Add(article);
            }
            if (batch.Count == BatchSize)
            {
                (stored, already) = await StoreAsync(batch, stored, already, progress, cancellationToken);
            }
        }
        (stored, already) = await StoreAsync(batch, stored, already, progress, cancellationToken);
        return new ArchiveImportReport(rows, stored, already, bad);
    }

    private async Task<(long Stored, long Already)> StoreAsync(
        List<Article> batch, long stored, long already, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return (stored, already);
        }
        // Within one batch an URL listed twice is one article.
        var unique = batch.DistinctBy(a => a.CanonicalUrl).ToList();
        var inserted = (await repository.StoreAsync(unique, cancellationToken)).Count;
        progress?.Report(batch.Count);
        var result = (stored + inserted, already + batch.Count - inserted);
        batch.Clear();
        return result;
    }

    private Article? ToArticle(IReadOnlyDictionary<string, string?> fields, ArchiveColumns columns, string defaultSource, DateTimeOffset now, out string? error)
    {
        string? Field(string? name) => name is not null && fields.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var url = Field(columns.Url);
        var title = Field(columns.Title);
        var published = Field(columns.Published);
        if (url is null || title is null || published is null)
        {
            error = $"missing {string.Join(", ", new[] { (url, columns.Url), (title, columns.Title), (published, columns.Published) }.Where(f => f.Item1 is null).Select(f => f.Item2))}";
            return null;
        }
        if (!FeedDates.TryParse(published, out _))
        {
            error = $"{columns.Published} '{published}' is not a date";
            return null;
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var link))
        {
            error = $"{columns.Url} '{url}' is not an absolute URL";
            return null;
        }
        var item = new FeedItem(title, link, null, Field(columns.Summary), null, Field(columns.Author), published, [], null);
        return normalizer.Normalize(item, Field(columns.Source) ?? defaultSource, now, out error);
    }

    private static IEnumerable<(long Line, IReadOnlyDictionary<string, string?>? Fields, string? Error)> ReadCsv(string path)
    {
        // Quoted fields may hold separators and line breaks; a row with too few or too many columns is the
        // row's problem, not the file's.
        using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).FromFile(path);
        var names = reader.Header.ColNames;
        foreach (var row in reader)
        {
            if (row.ColCount != names.Count)
            {
                yield return (row.LineNumberFrom, null, $"{row.ColCount} columns where the header has {names.Count}");
                continue;
            }
            var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < names.Count; i++)
            {
                fields[names[i]] = row[i].ToString();
            }
            yield return (row.LineNumberFrom, fields, null);
        }
    }

    private static IEnumerable<(long Line, IReadOnlyDictionary<string, string?>? Fields, string? Error)> ReadJsonLines(string path)
    {
        long line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            Dictionary<string, string?>? fields = null;
            string? error = null;
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    error = "not a JSON object";
                }
                else
                {
                    fields = document.RootElement.EnumerateObject().ToDictionary(
                        p => p.Name,
                        p => p.Value.ValueKind switch
                        {
                            JsonValueKind.String => p.Value.GetString(),
                            JsonValueKind.Null => null,
                            _ => p.Value.GetRawText(),
                        },
                        StringComparer.OrdinalIgnoreCase);
                }
            }
            catch (JsonException e)
            {
                error = $"not valid JSON ({e.Message})";
            }
            yield return (line, fields, error);
        }
    }
}
