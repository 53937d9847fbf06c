using NetWatch.Core.Events;

namespace NetWatch.Core.Identity;

/// <summary>What the logged user name of an event says about a login.</summary>
public static class ProxyLogin
{
    /// <summary>A real name was logged: not missing, not "-", not an IP address (e2guardian writes the client IP
    /// when there is no login).</summary>
    public static bool HasName(NetEvent e) =>
        e.SourceUserName is { Length: > 0 } name && name != "-" && !LooksLikeIp(name);

    // Only text that starts with a digit, or contains a colon (IPv6) and does not start with a letter past f (no
    // IPv6 text does), can be an address: the parse, and for most names the scan for a colon, is skipped.
    private static bool LooksLikeIp(string name) =>
        (char.IsAsciiDigit(name[0]) || (!IsLetterPastF(name[0]) && name.Contains(':'))) && IpKey.TryParse(name, out _);

    private static bool IsLetterPastF(char c) => (uint)((c | 0x20) - 'g') <= 'z' - 'g';

    /// <summary>The proxy refused the credentials (407 / auth-required): the name is only what someone tried.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool Failed(NetEvent e) => e.Action == EventActions.AuthRequired || e.StatusCode == 407;
}
