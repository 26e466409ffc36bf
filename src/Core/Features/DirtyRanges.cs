namespace CryptoFunctions.Core.Features;

/// <summary>The instants of one symbol whose rows must be (re)computed: a union of closed intervals.</summary>
public sealed class DirtyRanges
{
    private readonly List<(DateTimeOffset From, DateTimeOffset To)> _ranges = [];
    private (DateTimeOffset From, DateTimeOffset To)[]? _merged;

    public bool IsEmpty => _ranges.Count == 0;

    public DateTimeOffset Earliest => Merged()[0].From;

    public DateTimeOffset Latest => Merged()[^1].To;

    public void Add(DateTimeOffset from, DateTimeOffset to)
    {
        if (from <= to)
        {
            _ranges.Add((from, to));
            _merged = null;
        }
    }

    public bool Contains(DateTimeOffset ts)
    {
        var merged = Merged();
        int lo = 0, hi = merged.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (ts < merged[mid].From)
            {
                hi = mid - 1;
            }
            else if (ts > merged[mid].To)
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }
        return false;
    }

    private (DateTimeOffset From, DateTimeOffset To)[] Merged()
    {
        if (_merged is not null)
        {
            return _merged;
        }
        var merged = new List<(DateTimeOffset From, DateTimeOffset To)>();
        foreach (var (from, to) in _ranges.OrderBy(r => r.From))
        {
            if (merged.Count > 0 && from <= merged[^1].To)
            {
                merged[^1] = (merged[^1].From, to > merged[^1].To ? to : merged[^1].To);
            }
            else
            {
                merged.Add((from, to));
            }
        }
        return _merged = [.. merged];
    }
}
