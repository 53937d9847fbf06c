using System.Runtime.CompilerServices;

namespace NetWatch.Core.UrlClassification;

/// <summary>
/// 64-bit fingerprints of host label-suffixes. FNV-1a is run over the host from its LAST character to its first,
/// so one right-to-left pass yields the state of every label-suffix ("com", "example.com", "www.example.com");
/// a URL entry continues that state over its path, left to right. <see cref="Finish"/> (murmur3's fmix64) spreads
/// the bits so the top bits index the table directory well. Chars and UTF-8 bytes of ASCII text hash alike.
/// </summary>
internal static class HostFingerprint
{
    public const ulong Seed = 0xcbf29ce484222325UL;
    private const ulong Prime = 0x100000001b3UL;
    private const ulong ExactSalt = 0x9e3779b97f4a7c15UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Step(ulong state, uint c) => (state ^ c) * Prime;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Finish(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }

    /// <summary>The key of an entry that matches only the host itself (IP literals, the bare form of www. entries).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ExactKey(ulong state) => Finish(state ^ ExactSalt);

    public static ulong ReverseState(ReadOnlySpan<char> host)
    {
        var h = Seed;
        for (var i = host.Length - 1; i >= 0; i--) h = Step(h, host[i]);
        return h;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static ulong ReverseState(ReadOnlySpan<byte> host)
    {
        var h = Seed;
        for (var i = host.Length - 1; i >= 0; i--) h = Step(h, host[i]);
        return h;
    }

    public static ulong Continue(ulong state, ReadOnlySpan<char> text)
    {
        foreach (var c in text) state = Step(state, c);
        return state;
    }

    public static ulong Continue(ulong state, ReadOnlySpan<byte> text)
    {
        foreach (var c in text) state = Step(state, c);
        return state;
    }
}
