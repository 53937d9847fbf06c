using System.Globalization;
using NetWatch.Storage.Contracts.Checkpoints;

namespace NetWatch.Service.Sources.Syslog;

/// <summary>
/// A syslog source's checkpoint: how many messages it has stored, as text. Syslog has no position a sender could
/// resume from; the count numbers the next messages (their "line numbers"), so each message's event id
/// (format + number + body) stays unique across restarts.
/// </summary>
public static class SyslogCheckpoint
{
    public static Checkpoint ToCheckpoint(string source, string kind, long messages) =>
        new(source, kind, messages.ToString(CultureInfo.InvariantCulture));

    /// <summary>Messages stored so far (a store written before checkpoints kept the count as a position's offset).</summary>
    public static long FromCheckpoint(Checkpoint? c) => c switch
    {
        null => 0,
        { Kind: SourcePositionText.Kind } => SourcePositionText.TryRead(c.Position)?.Offset ?? 0,
        _ => long.TryParse(c.Position, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0,
    };
}
