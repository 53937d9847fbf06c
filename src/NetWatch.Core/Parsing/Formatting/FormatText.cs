using System.Globalization;
using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Core.Parsing.Formatting;

/// <summary>Small pieces of log text shared by the formatters.</summary>
internal static class FormatText
{
    public static string OrDash(string? value) => string.IsNullOrEmpty(value) ? "-" : value;

    public static string OrDash(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    /// <summary><c>%ts.%03tu</c>: epoch seconds and milliseconds.</summary>
    public static string Epoch(Instant t)
    {
        var ms = t.ToUnixTimeMilliseconds();
        return string.Create(CultureInfo.InvariantCulture, $"{ms / 1000}.{ms % 1000:D3}");
    }

    public static long ElapsedMs(NetEvent e) => e.Duration is { } d ? (long)d.TotalMilliseconds : 0;

    /// <summary>A status as Squid prints <c>%03>Hs</c>: 000 when there was none.</summary>
    public static string Status3(int? status) => (status ?? 0).ToString("D3", CultureInfo.InvariantCulture);

    /// <summary>
    /// Squid's native layout (also used by the custom format and e2guardian fmt 3):
    /// <c>%ts.%03tu %6tr %>a %Ss/%03>Hs %&lt;st %rm %ru %[un %Sh/%&lt;a %mt</c>. The defaults stand in for an event
    /// with no squid.* group (one read from another format).
    /// </summary>
    public static string SquidNative(NetEvent e, string defaultResult, string defaultHierarchy, string defaultPeer) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Epoch(e.Timestamp)} {ElapsedMs(e),6} {e.SourceIp} {e.Squid?.ResultCode ?? defaultResult}/{Status3(e.StatusCode)} " +
            $"{e.ResponseBytes ?? 0} {OrDash(e.Method)} {e.Url.Original} {OrDash(e.SourceUserName)} " +
            $"{e.Squid?.HierarchyCode ?? defaultHierarchy}/{(e.Squid is null ? defaultPeer : OrDash(e.Squid.Peer))} {OrDash(e.MimeType)}");
}
