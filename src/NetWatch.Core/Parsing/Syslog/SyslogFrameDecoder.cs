using System.Text;

namespace NetWatch.Core.Parsing.Syslog;

/// <summary>
/// Splits a syslog TCP byte stream into messages (RFC 6587). Each frame is read by the framing its first byte
/// shows: a digit starts octet counting (<c>LEN SP MSG</c>), anything else is non-transparent framing ended by
/// LF (a CR before it, and NUL terminators, are dropped). Bytes arrive in any chunking; a frame split across
/// chunks waits for the rest. Never throws; a length above <see cref="MaxFrameBytes"/> is read as a line instead.
/// </summary>
public sealed class SyslogFrameDecoder
{
    public const int MaxFrameBytes = 1 << 20;
    private static readonly UTF8Encoding Utf8 = new(false, false);

    private byte[] _buffer = new byte[1 << 16];
    private int _length;

    /// <summary>Adds received bytes and returns the frames they complete.</summary>
    public List<string> Feed(ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes.Length));
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
        var frames = new List<string>();
        var start = 0;
        while (start < _length && TryFrame(_buffer.AsSpan(start, _length - start), out var frame, out var consumed))
        {
            if (frame is not null) frames.Add(frame);
            start += consumed;
        }
        _buffer.AsSpan(start, _length - start).CopyTo(_buffer);
        _length -= start;
        return frames;
    }

    /// <summary>At the end of the stream: what is left, as a last frame (a sender may omit the final LF).</summary>
    public string? Flush()
    {
        var rest = Trim(_buffer.AsSpan(0, _length));
        _length = 0;
        return rest.IsEmpty ? null : Utf8.GetString(rest);
    }

    private static bool TryFrame(ReadOnlySpan<byte> s, out string? frame, out int consumed)
    {
        frame = null;
        consumed = 0;
        if (char.IsAsciiDigit((char)s[0]))
        {
            var space = s[..Math.Min(s.Length, 8)].IndexOf((byte)' ');
            if (space < 0 && s.Length < 8) return false; // the length itself is not complete yet
            if (space > 0 && int.TryParse(s[..space], System.Globalization.NumberStyles.None, null, out var length) && length <= MaxFrameBytes)
            {
                if (s.Length < space + 1 + length) return false;
                frame = Utf8.GetString(s.Slice(space + 1, length));
                consumed = space + 1 + length;
                return true;
            }
        }
        var newline = s.IndexOf((byte)'\n');
        if (newline < 0)
        {
            if (s.Length <= MaxFrameBytes) return false;
            newline = s.Length - 1; // an over-long line is cut rather than held without end
        }
        var line = Trim(s[..newline]);
        consumed = newline + 1;
        frame = line.IsEmpty ? null : Utf8.GetString(line);
        return true;
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line) => line.TrimEnd((byte)'\r').Trim((byte)0);
}
