using System.IO.Hashing;
using System.Runtime.InteropServices;
using NetWatch.Core.Events;
using NetWatch.Core.Urls;

namespace NetWatch.Core.Parsing;

/// <summary>
/// The url.* of a URL that repeats, made once: the same request line recurs (a site's page and its CONNECTs, a
/// school's landing page), and each event would otherwise carry its own copy of the URL text, its path and query
/// strings and the parts (~300 bytes, kept until the store has written it), and split the URL again. The last parts
/// made for a URL are kept in a small table; the next line with the same URL text gets them. Parts depend on the
/// text and on whether the method is CONNECT (<see cref="UrlNormalizer.IsConnect"/>), so CONNECT and other methods
/// have a table each. <see cref="UrlParts"/> is immutable, so shared parts are indistinguishable from a copy.
/// Bounded (fixed tables; ~5 MB of parts held at most) and thread-safe without a lock: a slot holds immutable parts,
/// written and read whole, so a race costs at most parts made twice.
/// </summary>
internal sealed class RepeatedUrls
{
    /// <summary>Longer URLs are parsed as usual: rarely repeated, and long to compare.</summary>
    public const int MaxLength = 512;

    public static readonly RepeatedUrls Default = new();

    private readonly UrlParts?[] _connect, _other;
    private readonly int _mask;

    /// <param name="slots">Each table's size, a power of two: a URL may sit in either of two neighbouring slots.</param>
    public RepeatedUrls(int slots = 8192)
    {
        if (slots < 2 || (slots & (slots - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(slots), "a power of two, at least 2");
        _connect = new UrlParts?[slots];
        _other = new UrlParts?[slots];
        _mask = slots - 1;
    }

    /// <summary><see cref="SafeUrl.Parse"/> of the URL with this method, the same instance as last time when the table still holds it.</summary>
    public UrlParts Parts(string? method, ReadOnlySpan<char> url)
    {
        if (url.Length > MaxLength) return SafeUrl.Parse(url.ToString(), method);
        var slots = UrlNormalizer.IsConnect(method) ? _connect : _other;
        var first = (int)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(url)) & _mask & ~1;
        var a = Volatile.Read(ref slots[first]);
        if (a is not null && url.SequenceEqual(a.Original)) return a;
        var b = Volatile.Read(ref slots[first + 1]);
        if (b is not null && url.SequenceEqual(b.Original)) return b;
        var made = SafeUrl.Parse(url.ToString(), method);
        // The free slot, else the first (the second keeps the older URL a little longer).
        Volatile.Write(ref slots[a is null || b is not null ? first : first + 1], made);
        return made;
    }
}
