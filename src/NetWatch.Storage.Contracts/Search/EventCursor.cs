using System.Text;
using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Storage.Contracts.Search;

/// <summary>
/// A keyset position in the search order (@timestamp, then source, then line: the order export has always
/// written): the next page starts after it, stable while events are added, unlike an offset. <see cref="ToToken"/>
/// gives the opaque text an API hands to its caller.
/// </summary>
public sealed record EventCursor(Instant Timestamp, string Source, long Line)
{
    public string ToToken() =>
        $"{Timestamp.ToUnixTimeTicks()}.{Line}.{Convert.ToBase64String(Encoding.UTF8.GetBytes(Source)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";

    public static bool TryParse(string? token, out EventCursor? cursor)
    {
        cursor = null;
        var parts = token?.Split('.', 3);
        if (parts is not { Length: 3 } || !long.TryParse(parts[0], out var ticks) || !long.TryParse(parts[1], out var line)) return false;
        var b64 = parts[2].Replace('-', '+').Replace('_', '/');
        b64 = b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
        var bytes = new byte[b64.Length];
        if (!Convert.TryFromBase64String(b64, bytes, out var n)) return false;
        cursor = new EventCursor(Instant.FromUnixTimeTicks(ticks), Encoding.UTF8.GetString(bytes, 0, n), line);
        return true;
    }

    public static EventCursor After(NetEvent e) => new(e.Timestamp, e.Origin.Source, e.Origin.LineNumber);
}
