namespace CryptoFunctions.Core.Features;

/// <summary>Articles by publication time, for the whole market and per tagged symbol, answering window queries.</summary>
public sealed class NewsIndex
{
    private static readonly ArticleSignal[] None = [];
    private readonly long[] _marketTicks;
    private readonly Dictionary<string, (long[] Ticks, ArticleSignal[] Articles)> _bySymbol;

    public NewsIndex(IEnumerable<ArticleSignal> articles)
    {
        var sorted = articles.OrderBy(a => a.PublishedAt).ToArray();
        _marketTicks = sorted.Select(a => a.PublishedAt.UtcTicks).ToArray();
        _bySymbol = sorted
            .SelectMany(a => a.Symbols.Distinct(StringComparer.Ordinal).Select(s => (Symbol: s, Article: a)))
            .GroupBy(x => x.Symbol, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g =>
            {
                var list = g.Select(x => x.Article).ToArray();
                return (list.Select(a => a.PublishedAt.UtcTicks).ToArray(), list);
            }, StringComparer.Ordinal);
        Count = sorted.Length;
    }

    public int Count { get; }

    /// <summary>Articles published in (end − window, end].</summary>
    public int MarketCount(DateTimeOffset end, TimeSpan window) => Range(_marketTicks, end, window).Length;

    /// <summary>Articles tagged with <paramref name="symbol"/> published in (end − window, end], oldest first.</summary>
    public ReadOnlySpan<ArticleSignal> ForSymbol(string symbol, DateTimeOffset end, TimeSpan window)
    {
        if (!_bySymbol.TryGetValue(symbol, out var entry))
        {
            return None;
        }
        var (start, length) = Range(entry.Ticks, end, window);
        return entry.Articles.AsSpan(start, length);
    }

    private static (int Start, int Length) Range(long[] ticks, DateTimeOffset end, TimeSpan window)
    {
        var from = UpperBound(ticks, (end - window).UtcTicks);
        var to = UpperBound(ticks, end.UtcTicks);
        return (from, to - from);
    }

    /// <summary>The number of entries ≤ <paramref name="value"/>.</summary>
    private static int UpperBound(long[] ticks, long value)
    {
        int lo = 0, hi = ticks.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (ticks[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
