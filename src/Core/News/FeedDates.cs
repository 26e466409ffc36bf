using System.Globalization;
using System.Text.RegularExpressions;

namespace CryptoFunctions.Core.News;

/// <summary>
/// Parses the dates feeds really carry: RFC 822 with named or numeric zones, two-digit years,
/// missing weekdays and seconds, ISO 8601 with or without the 'T', and bare local times (taken as UTC).
/// </summary>
public static partial class FeedDates
{
    private static readonly Dictionary<string, int> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jan"] = 1,
        ["feb"] = 2,
        ["mar"] = 3,
        ["apr"] = 4,
        ["may"] = 5,
        ["jun"] = 6,
        ["jul"] = 7,
        ["aug"] = 8,
        ["sep"] = 9,
        ["oct"] = 10,
        ["nov"] = 11,
        ["dec"] = 12,
    };

    // RFC 822 names, plus the zones crypto publishers in Europe, India and Asia actually print.
    private static readonly Dictionary<string, TimeSpan> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = TimeSpan.Zero,
        ["UTC"] = TimeSpan.Zero,
        ["GMT"] = TimeSpan.Zero,
        ["Z"] = TimeSpan.Zero,
        ["EST"] = TimeSpan.FromHours(-5),
        ["EDT"] = TimeSpan.FromHours(-4),
        ["CST"] = TimeSpan.FromHours(-6),
        ["CDT"] = TimeSpan.FromHours(-5),
        ["MST"] = TimeSpan.FromHours(-7),
        ["MDT"] = TimeSpan.FromHours(-6),
        ["PST"] = TimeSpan.FromHours(-8),
        ["PDT"] = TimeSpan.FromHours(-7),
        ["BST"] = TimeSpan.FromHours(1),
        ["CET"] = TimeSpan.FromHours(1),
        ["CEST"] = TimeSpan.FromHours(2),
        ["EET"] = TimeSpan.FromHours(2),
        ["EEST"] = TimeSpan.FromHours(3),
        ["IST"] = new TimeSpan(5, 30, 0),
        ["SGT"] = TimeSpan.FromHours(8),
        ["HKT"] = TimeSpan.FromHours(8),
        ["JST"] = TimeSpan.FromHours(9),
        ["KST"] = TimeSpan.FromHours(9),
        ["AEST"] = TimeSpan.FromHours(10),
        ["AEDT"] = TimeSpan.FromHours(11),
    };

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mmK", "yyyy-MM-dd",
    ];

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        // RFC 2822 allows a trailing comment ("+0000 (UTC)"); .NET keeps at most seven fractional digits.
        var s = ExcessFraction().Replace(TrailingComment().Replace(text.Trim(), ""), "$1");
        return TryParseRfc822(s, out value) || TryParseIso(s, out value);
    }

    private static bool TryParseIso(string s, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(s.Replace(" UTC", "Z", StringComparison.Ordinal), IsoFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    private static bool TryParseRfc822(string s, out DateTimeOffset value)
    {
        value = default;
        var m = Rfc822().Match(s);
        if (!m.Success || !Months.TryGetValue(m.Groups["mon"].Value[..3], out var month))
        {
            return false;
        }
        var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (m.Groups["year"].Length == 2)
        {
            // RFC 2822 §4.3: two-digit years 00-49 are 20xx, 50-99 are 19xx.
            year += year < 50 ? 2000 : 1900;
        }
        var day = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        var second = m.Groups["s"].Success ? int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        if (!TryZone(m.Groups["zone"].Value, out var offset) || month < 1 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month) ||
            hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }
        // A leap second is folded into the next minute rather than rejected.
        value = new DateTimeOffset(year, month, day, hour, minute, Math.Min(second, 59), offset).ToUniversalTime();
        return true;
    }

    private static bool TryZone(string zone, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        zone = zone.Trim();
        if (zone.Length == 0)
        {
            return true;
        }
        var numeric = NumericZone().Match(zone);
        if (numeric.Success)
        {
            var hours = int.Parse(numeric.Groups["hh"].Value, CultureInfo.InvariantCulture);
            var minutes = numeric.Groups["mm"].Success ? int.Parse(numeric.Groups["mm"].Value, CultureInfo.InvariantCulture) : 0;
            if (hours > 14 || minutes > 59)
            {
                return false;
            }
            offset = new TimeSpan(hours, minutes, 0) * (numeric.Groups["sign"].Value == "-" ? -1 : 1);
            return true;
        }
        return Zones.TryGetValue(zone, out offset);
    }

    [GeneratedRegex(@"^(?:[A-Za-z]{3,9},?\s*)?(?<day>\d{1,2})[\s-]+(?<mon>[A-Za-z]{3,9})\.?[\s-]+(?<year>\d{4}|\d{2})\s+(?<h>\d{1,2}):(?<m>\d{2})(?::(?<s>\d{2}))?(?:\.\d+)?\s*(?<zone>[A-Za-z]{1,5}|(?:GMT|UTC)?\s*[+-]\d{1,2}:?\d{0,2})?\s*$")]
    private static partial Regex Rfc822();

    [GeneratedRegex(@"\s*\([^()]*\)$")]
    private static partial Regex TrailingComment();

    [GeneratedRegex(@"(\.\d{7})\d+")]
    private static partial Regex ExcessFraction();

    [GeneratedRegex(@"^(?:GMT|UTC)?\s*(?<sign>[+-])(?<hh>\d{1,2}):?(?<mm>\d{2})?$", RegexOptions.IgnoreCase)]
    private static partial Regex NumericZone();
}
