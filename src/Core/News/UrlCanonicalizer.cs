namespace CryptoFunctions.Core.News;

/// <summary>
/// One URL per story: lower-case scheme and host, no default port, no fragment, and no tracking
/// parameters (utm_*, click ids, newsletter and referral tags). Remaining parameters keep their order.
/// </summary>
public static class UrlCanonicalizer
{
    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "li_fat_id", "igshid",
        "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_enc_id", "oly_anon_id", "vero_id", "vero_conv",
        "ref", "ref_src", "ref_url", "referrer", "cmpid", "ncid", "spm", "sr_share", "s_cid", "at_medium", "at_campaign",
        "ito", "rss", "share", "guccounter", "__twitter_impression", "amp_js_v", "usqp", "outputType",
    };

    public static bool TryCanonicalize(Uri? url, out string canonical)
    {
        canonical = string.Empty;
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || url.Host.Length == 0)
        {
            return false;
        }
        var builder = new UriBuilder(url)
        {
            Scheme = url.Scheme.ToLowerInvariant(),
            Host = url.IdnHost.ToLowerInvariant(),
            Fragment = string.Empty,
            Port = url.IsDefaultPort ? -1 : url.Port,
            Query = CleanQuery(url.Query),
        };
        canonical = builder.Uri.AbsoluteUri;
        return true;
    }

    private static string CleanQuery(string query)
    {
        if (query.Length <= 1)
        {
            return string.Empty;
        }
        var kept = query[1..]
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !IsTracking(pair.Split('=', 2)[0]));
        return string.Join('&', kept);
    }

    private static bool IsTracking(string name)
    {
        name = Uri.UnescapeDataString(name);
        return name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) || TrackingParameters.Contains(name);
    }
}
