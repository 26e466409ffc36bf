using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CryptoFunctions.Core.News;

/// <summary>
/// Reads RSS 2.0, RSS 1.0 (RDF) and Atom. Hand-written over XmlReader because the framework's
/// syndication reader rejects what real feeds do (named-zone dates, RDF, missing fields).
/// DTDs are ignored and no resolver is set, so external entities are never fetched.
/// </summary>
public static class FeedParser
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Rss1 = "http://purl.org/rss/1.0/";
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Media = "http://search.yahoo.com/mrss/";

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CheckCharacters = false,
        MaxCharactersFromEntities = 0,
    };

    static FeedParser()
    {
        // Feeds still declare windows-1252 and friends; .NET only knows them through this provider.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static IReadOnlyList<FeedItem> Parse(byte[] body, Uri documentUrl)
    {
        var bom = BomLength(body);
        var start = SkipWhitespace(body, bom);
        if (LooksLikeHtml(body.AsSpan(start)))
        {
            throw new FeedFormatException("response is an HTML page, not a feed");
        }

        XDocument document;
        try
        {
            // The reader honours a BOM only at the very front and refuses whitespace before the XML
            // declaration (a common WordPress quirk): keep the first, drop the second.
            using var stream = start == bom ? new MemoryStream(body, writable: false)
                : bom == 0 ? new MemoryStream(body, start, body.Length - start, writable: false)
                : new MemoryStream([.. body.AsSpan(0, bom), .. body.AsSpan(start)], writable: false);
            using var reader = XmlReader.Create(stream, ReaderSettings);
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new FeedFormatException($"malformed XML: {e.Message}", e);
        }

        var root = document.Root ?? throw new FeedFormatException("empty document");
        return root.Name.LocalName switch
        {
            "rss" => ParseRss2(root, documentUrl),
            "RDF" when root.Name.Namespace == Rdf => ParseRss1(root, documentUrl),
            "feed" when root.Name.Namespace == Atom => ParseAtom(root, documentUrl),
            _ => throw new FeedFormatException($"not a feed: root element is <{root.Name.LocalName}>"),
        };
    }

    private static List<FeedItem> ParseRss2(XElement root, Uri documentUrl)
    {
        var channel = root.Element("channel") ?? throw new FeedFormatException("RSS document has no <channel>");
        var baseUrl = BaseOf(channel, documentUrl);
        return channel.Elements("item").Select(item =>
        {
            var itemBase = BaseOf(item, baseUrl);
            var guid = item.Element("guid");
            var link = Resolve(Text(item.Element("link")), itemBase);
            if (link is null && guid is not null && (string?)guid.Attribute("isPermaLink") != "false")
            {
                link = Resolve(Text(guid), itemBase);
            }
            return new FeedItem(
                Title: Text(item.Element("title")),
                Link: link,
                Guid: Text(guid),
                Summary: Text(item.Element("description")),
                Content: Text(item.Element(Content + "encoded")),
                Author: Text(item.Element(Dc + "creator")) ?? Text(item.Element("author")),
                Published: Text(item.Element("pubDate")) ?? Text(item.Element(Dc + "date")) ?? Text(item.Element(Atom + "published")),
                Categories: Categories(item.Elements("category").Concat(item.Elements(Dc + "subject"))),
                ImageUrl: Image(item, itemBase));
        }).ToList();
    }

    private static List<FeedItem> ParseRss1(XElement root, Uri documentUrl)
    {
        var baseUrl = BaseOf(root, documentUrl);
        return root.Elements(Rss1 + "item").Select(item =>
        {
            var about = (string?)item.Attribute(Rdf + "about");
            return new FeedItem(
                Title: Text(item.Element(Rss1 + "title")),
                Link: Resolve(Text(item.Element(Rss1 + "link")) ?? about, baseUrl),
                Guid: about,
                Summary: Text(item.Element(Rss1 + "description")),
                Content: Text(item.Element(Content + "encoded")),
                Author: Text(item.Element(Dc + "creator")),
                Published: Text(item.Element(Dc + "date")),
                Categories: Categories(item.Elements(Dc + "subject")),
                ImageUrl: Image(item, baseUrl));
        }).ToList();
    }

    private static List<FeedItem> ParseAtom(XElement root, Uri documentUrl)
    {
        var feedBase = BaseOf(root, documentUrl);
        var feedAuthor = AtomAuthor(root);
        return root.Elements(Atom + "entry").Select(entry =>
        {
            var entryBase = BaseOf(entry, feedBase);
            var links = entry.Elements(Atom + "link").ToList();
            var alternate = links.FirstOrDefault(l => ((string?)l.Attribute("rel") ?? "alternate") == "alternate") ?? links.FirstOrDefault();
            return new FeedItem(
                Title: AtomText(entry.Element(Atom + "title")),
                Link: alternate is null ? null : Resolve((string?)alternate.Attribute("href"), BaseOf(alternate, entryBase)),
                Guid: Text(entry.Element(Atom + "id")),
                Summary: AtomText(entry.Element(Atom + "summary")),
                Content: AtomText(entry.Element(Atom + "content")),
                Author: AtomAuthor(entry) ?? feedAuthor,
                Published: Text(entry.Element(Atom + "published")) ?? Text(entry.Element(Atom + "updated")),
                Categories: Categories(entry.Elements(Atom + "category").Select(c => new XElement("c", (string?)c.Attribute("label") ?? (string?)c.Attribute("term")))),
                ImageUrl: Image(entry, entryBase));
        }).ToList();
    }

    private static string? AtomAuthor(XElement element) =>
        Text(element.Element(Atom + "author")?.Element(Atom + "name"));

    /// <summary>Atom text constructs: xhtml content is markup to keep as HTML for the stripper.</summary>
    private static string? AtomText(XElement? element)
    {
        if (element is null)
        {
            return null;
        }
        if ((string?)element.Attribute("type") == "xhtml")
        {
            var container = element.Elements().FirstOrDefault() ?? element;
            return string.Concat(container.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)));
        }
        return Text(element);
    }

    private static string? Text(XElement? element)
    {
        var value = element?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static List<string> Categories(IEnumerable<XElement> elements) =>
        elements.Select(Text).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static Uri? Image(XElement item, Uri baseUrl)
    {
        var candidates = item.Elements(Media + "content")
            .Where(m => ((string?)m.Attribute("medium") ?? "image") == "image" &&
                        ((string?)m.Attribute("type") ?? "image/").StartsWith("image/", StringComparison.OrdinalIgnoreCase))
            .Concat(item.Elements(Media + "group").Elements(Media + "content"))
            .Concat(item.Elements(Media + "thumbnail"))
            .Select(m => (string?)m.Attribute("url"))
            .Concat(item.Elements("enclosure")
                .Where(e => ((string?)e.Attribute("type") ?? "").StartsWith("image/", StringComparison.OrdinalIgnoreCase))
                .Select(e => (string?)e.Attribute("url")));
        return candidates.Select(c => Resolve(c, baseUrl)).FirstOrDefault(u => u is not null);
    }

    private static Uri BaseOf(XElement element, Uri inherited)
    {
        var xmlBase = (string?)element.Attribute(XNamespace.Xml + "base");
        return xmlBase is not null && Uri.TryCreate(inherited, xmlBase.Trim(), out var resolved) ? resolved : inherited;
    }

    private static Uri? Resolve(string? reference, Uri baseUrl)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return null;
        }
        return Uri.TryCreate(baseUrl, reference.Trim(), out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;
    }

    private static int SkipWhitespace(byte[] body, int start)
    {
        // Only UTF-8 and BOM-less single-byte bodies are scanned; in UTF-16 a space is two bytes.
        var i = start;
        if (start is 0 or 3)
        {
            while (i < body.Length && body[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                i++;
            }
        }
        return i;
    }

    private static int BomLength(ReadOnlySpan<byte> body) =>
        body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3
        : body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? 2
        : 0;

    private static bool LooksLikeHtml(ReadOnlySpan<byte> body)
    {
        var head = Encoding.ASCII.GetString(body[..Math.Min(body.Length, 512)]).TrimStart();
        return head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) ||
               head.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }
}
