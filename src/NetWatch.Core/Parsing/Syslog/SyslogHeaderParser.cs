namespace NetWatch.Core.Parsing.Syslog;

/// <summary>
/// Parses a syslog message's header, RFC 5424 (<c>&lt;PRI&gt;1 TIMESTAMP HOST APP PROCID MSGID SD MSG</c>) or
/// RFC 3164 (<c>&lt;PRI&gt;Mmm dd hh:mm:ss HOST TAG[PID]: MSG</c>, host optional as many devices leave it out).
/// Never throws: a message that is neither comes back with an error saying why.
/// </summary>
public static class SyslogHeaderParser
{
    private const int MaxPri = 191;
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static bool TryParse(ReadOnlySpan<char> text, out SyslogMessage? message, out string? error)
    {
        message = null;
        error = null;
        if (text.Length < 3 || text[0] != '<') { error = "no <PRI> at the start"; return false; }
        var close = text[..Math.Min(text.Length, 5)].IndexOf('>');
        if (close < 2 || !int.TryParse(text[1..close], System.Globalization.NumberStyles.None, null, out var pri) || pri > MaxPri)
        {
            error = "bad <PRI>";
            return false;
        }
        var rest = text[(close + 1)..];
        if (rest.Length >= 2 && rest[0] == '1' && rest[1] == ' ') return TryParse5424(rest[2..], pri, out message, out error);
        return TryParse3164(rest, pri, out message, out error);
    }

    private static bool TryParse5424(ReadOnlySpan<char> s, int pri, out SyslogMessage? message, out string? error)
    {
        message = null;
        string?[] fields = new string?[5];
        for (var i = 0; i < fields.Length; i++)
        {
            var space = s.IndexOf(' ');
            if (space <= 0) { error = $"RFC 5424 header ends early (field {i + 1} of 5)"; return false; }
            var field = s[..space];
            fields[i] = field is "-" ? null : field.ToString();
            s = s[(space + 1)..];
        }
        if (!TryStructuredData(s, out var sdLength)) { error = "bad RFC 5424 structured data"; return false; }
        var sd = s[..sdLength];
        s = s[sdLength..];
        if (s.Length > 0 && s[0] == ' ') s = s[1..];
        if (s.Length > 0 && s[0] == '\uFEFF') s = s[1..];
        message = new SyslogMessage(SyslogProtocol.Rfc5424, pri / 8, pri % 8, fields[0], fields[1], fields[2], fields[3], fields[4],
            sd is "-" ? null : sd.ToString(), s.ToString());
        error = null;
        return true;
    }

    /// <summary>"-" or one or more [id param="value"...] elements, with \" \\ \] escapes inside values.</summary>
    private static bool TryStructuredData(ReadOnlySpan<char> s, out int length)
    {
        length = 0;
        if (s.Length > 0 && s[0] == '-') { length = 1; return s.Length == 1 || s[1] == ' '; }
        var i = 0;
        while (i < s.Length && s[i] == '[')
        {
            var inValue = false;
            i++;
            while (true)
            {
                if (i >= s.Length) return false;
                var c = s[i];
                if (inValue && c == '\\') { i += 2; continue; }
                if (c == '"') inValue = !inValue;
                else if (!inValue && c == ']') { i++; break; }
                i++;
            }
        }
        length = i;
        return i > 0 && (i == s.Length || s[i] == ' ');
    }

    private static bool TryParse3164(ReadOnlySpan<char> s, int pri, out SyslogMessage? message, out string? error)
    {
        message = null;
        string? timestamp = null;
        if (s.Length >= 16 && Array.IndexOf(Months, s[..3].ToString()) >= 0 && s[3] == ' ' && s[6] == ' ' && s[9] == ':' && s[12] == ':' && s[15] == ' ')
        {
            timestamp = s[..15].ToString();
            s = s[16..];
        }
        string? host = null;
        var space = s.IndexOf(' ');
        if (timestamp is not null && space > 0)
        {
            var token = s[..space];
            // A tag ends in ':' or holds '[pid]'; anything else after the time is the host.
            if (token[^1] != ':' && token.IndexOf('[') < 0)
            {
                host = token.ToString();
                s = s[(space + 1)..];
            }
        }
        string? app = null, procId = null;
        var tagEnd = s.IndexOfAny(':', ' ');
        if (tagEnd > 0 && tagEnd <= 48 && s[tagEnd] == ':' || tagEnd > 0 && tagEnd <= 48 && s[..tagEnd].IndexOf('[') > 0)
        {
            var tag = s[..tagEnd];
            var bracket = tag.IndexOf('[');
            if (bracket > 0 && tag[^1] == ']')
            {
                app = tag[..bracket].ToString();
                procId = tag[(bracket + 1)..^1].ToString();
            }
            else app = (tag[^1] == ':' ? tag[..^1] : tag).ToString();
            s = s[tagEnd..];
            if (s.Length > 0 && s[0] == ':') s = s[1..];
            if (s.Length > 0 && s[0] == ' ') s = s[1..];
        }
        message = new SyslogMessage(SyslogProtocol.Rfc3164, pri / 8, pri % 8, timestamp, host, app, procId, null, null, s.ToString());
        error = null;
        return true;
    }
}
