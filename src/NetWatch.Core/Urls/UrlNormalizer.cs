using NetWatch.Core.Events;

namespace NetWatch.Core.Urls;

/// <summary>Splits a logged URL (absolute URL, CONNECT authority "host:port", or anything else) into url.* parts.</summary>
public static class UrlNormalizer
{
    // First cut: System.Uri. To be replaced by a span-based splitter with PSL and IDN handling.
    public static UrlParts Parse(string original, string? method = null)
    {
        if (string.Equals(method, "CONNECT", StringComparison.OrdinalIgnoreCase) && !original.Contains("://"))
            original = "connect://" + original;
        if (!Uri.TryCreate(original, UriKind.Absolute, out var uri))
            return new UrlParts { Original = original };
        var connect = uri.Scheme == "connect";
        return new UrlParts
        {
            Original = connect ? original["connect://".Length..] : original,
            Scheme = connect ? null : uri.Scheme,
            Domain = uri.IdnHost.TrimEnd('.').ToLowerInvariant(),
            DomainUnicode = uri.Host,
            Port = uri.Port,
            Path = connect ? null : uri.AbsolutePath,
            Query = uri.Query.Length > 1 ? uri.Query[1..] : null,
        };
    }
}
