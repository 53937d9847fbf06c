namespace NetWatch.Pipeline.Sources.Syslog;

/// <summary>Turns a run of received messages into a <see cref="LineBlock"/> (one "line" per message, which may hold newlines).</summary>
public static class SyslogBlocks
{
    public static LineBlock Create(string source, long firstSequence, IReadOnlyList<string> messages)
    {
        var buffer = new char[messages.Sum(m => m.Length)];
        var starts = new int[messages.Count];
        var lengths = new int[messages.Count];
        var at = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            messages[i].CopyTo(buffer.AsSpan(at));
            starts[i] = at;
            lengths[i] = messages[i].Length;
            at += messages[i].Length;
        }
        return new LineBlock(source, firstSequence, buffer, starts, lengths, messages.Count);
    }
}
