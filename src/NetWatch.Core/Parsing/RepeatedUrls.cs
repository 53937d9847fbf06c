using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Text;
using NetWatch.Core.Urls;

namespace NetWatch.Core.Parsing;

/// <summary>
/// The url.* of a URL that repeats, made once: the same request line recurs (a site's page and its CONNECTs, a
/// school's landing page), and each event would otherwise carry its own copy of the URL text, its path and query
/// strings and the parts (~300 bytes, kept until the store has written it), and split the URL again. The last parts
/// made for a URL are kept in a small table; the next line with the same URL text gets them. Parts depend on the
/// text and on whether the method is CONNECT (<see cref="UrlNormalizer.IsConnect"/>), so CONNECT and other methods
/// have a table each. <see cref="UrlParts"/> is immutable, so shared parts are indistinguishable from a copy.
/// Bounded (fixed tables; ~5 MB of parts held at most) and thread-safe without a lock (<see cref="RepeatedValues{T}"/>).
/// </summary>
internal sealed class RepeatedUrls
{
    /// <summary>Longer URLs are parsed as usual: rarely repeated, and long to compare.</summary>
    public const int MaxLength = 512;

    public static readonly RepeatedUrls Default = new();

    private readonly RepeatedValues<UrlParts> _connect, _other;

    /// <param name="slots">Each table's size, a power of two: a URL may sit in either of two neighbouring slots.</param>
    public RepeatedUrls(int slots = 8192)
    {
        _connect = new(slots, static parts => parts.Original);
        _other = new(slots, static parts => parts.Original);
    }

    /// <summary><see cref="SafeUrl.Parse"/> of the URL with this method, the same instance as last time when the table still holds it.</summary>
    public UrlParts Parts(string? method, ReadOnlySpan<char> url)
    {
        if (url.Length > MaxLength) return SafeUrl.Parse(url.ToString(), method);
        var table = UrlNormalizer.IsConnect(method) ? _connect : _other;
        return table.Get(url, method, static (text, m) => SafeUrl.Parse(text, m));
    }
}
