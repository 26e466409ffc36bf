using System.Security;
using System.Text;

namespace CryptoFunctions.Tests.Infrastructure;

/// <summary>Small RSS documents built in a test, for cases the recorded corpus does not cover.</summary>
public static class InlineFeeds
{
    public sealed record Item(string Title, string Link, string PubDate, string Description = "");

    public static byte[] Rss(params Item[] items)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>t</title><link>https://example.com</link>");
        foreach (var i in items)
        {
            sb.Append($"<item><title>{SecurityElement.Escape(i.Title)}</title><link>{SecurityElement.Escape(i.Link)}</link>")
              .Append($"<pubDate>{i.PubDate}</pubDate><description>{SecurityElement.Escape(i.Description)}</description></item>");
        }
        return Encoding.UTF8.GetBytes(sb.Append("</channel></rss>").ToString());
    }
}
