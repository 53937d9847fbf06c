using NodaTime;

namespace NetWatch.Core.Parsing.Text;

/// <summary>
/// The syslog header in front of a program's message, as syslog daemons write it to files:
/// <list type="bullet">
/// <item>RFC 3164: <c>[&lt;PRI&gt;]Mmm dd HH:mm:ss [host ]app[pid]: message</c> (the host is missing when the program
/// writes its own file, e.g. dnsmasq's <c>log-facility</c>, or pfSense's local filter.log);</item>
/// <item>RFC 5424: <c>&lt;PRI&gt;1 TIMESTAMP host app procid msgid structured-data message</c> (pfSense 2.6+, OPNsense);</item>
/// <item>rsyslog's high-precision file format: <c>TIMESTAMP host app[pid]: message</c> with an RFC 3339 time.</item>
/// </list>
/// </summary>
internal ref struct SyslogHeader
{
    public Instant Timestamp;
    public ReadOnlySpan<char> Host;
    public ReadOnlySpan<char> App;
    public ReadOnlySpan<char> ProcessId;
    public ReadOnlySpan<char> Message;

    public static bool TryRead(ReadOnlySpan<char> line, ParserOptions options, out SyslogHeader h, out string? error)
    {
        h = default;
        error = null;
        var s = line.TrimStart(' ');
        if (s.Length > 2 && s[0] == '<')
        {
            var close = s[..Math.Min(s.Length, 5)].IndexOf('>');
            if (close < 2 || !SpanNumbers.TryParseInt32(s[1..close], out var pri) || pri > 191)
            {
                error = "bad <PRI>";
                return false;
            }
            s = s[(close + 1)..];
            if (s.Length > 2 && s[0] == '1' && s[1] == ' ') return TryRead5424(s[2..], ref h, out error);
        }
        if (s.Length > 20 && char.IsAsciiDigit(s[0]) && s[4] == '-')
        {
            var space = s.IndexOf(' ');
            if (space < 0 || !SyslogTime.TryParseIso(s[..space], out h.Timestamp))
            {
                error = "bad RFC 3339 timestamp";
                return false;
            }
            s = s[(space + 1)..];
            if (!TakeToken(ref s, out var host)) { error = "no host after the timestamp"; return false; }
            h.Host = host;
            return TryReadTag(s, ref h, out error);
        }
        var taken = SyslogTime.TryReadBsd(s, options, out h.Timestamp);
        if (taken == 0)
        {
            error = "expected a syslog timestamp 'Mmm dd HH:mm:ss'";
            return false;
        }
        s = s[taken..].TrimStart(' ');
        // No host when the first token is already the tag (ends with ':').
        var firstSpace = s.IndexOf(' ');
        var first = firstSpace < 0 ? s : s[..firstSpace];
        if (!first.EndsWith(':'))
        {
            if (!TakeToken(ref s, out var host)) { error = "no tag after the host"; return false; }
            h.Host = host;
        }
        return TryReadTag(s, ref h, out error);
    }

    /// <summary><c>app[pid]: message</c> or <c>app: message</c>.</summary>
    private static bool TryReadTag(ReadOnlySpan<char> s, ref SyslogHeader h, out string? error)
    {
        error = null;
        var colon = s.IndexOf(": ");
        if (colon < 0 && s.EndsWith(':')) colon = s.Length - 1;
        if (colon <= 0 || s[..colon].Contains(' '))
        {
            error = "expected 'app[pid]: ' after the header";
            return false;
        }
        var tag = s[..colon];
        h.Message = colon + 2 <= s.Length ? s[(colon + 2)..] : default;
        var open = tag.IndexOf('[');
        if (open >= 0)
        {
            if (open == 0 || tag[^1] != ']') { error = "bad [pid] in the tag"; return false; }
            h.App = tag[..open];
            h.ProcessId = tag[(open + 1)..^1];
        }
        else h.App = tag;
        return true;
    }

    private static bool TryRead5424(ReadOnlySpan<char> s, ref SyslogHeader h, out string? error)
    {
        error = "expected RFC 5424 'TIMESTAMP HOST APP PROCID MSGID SD'";
        if (!TakeToken(ref s, out var ts) || !SyslogTime.TryParseIso(ts, out h.Timestamp)) { error = "bad RFC 5424 timestamp"; return false; }
        if (!TakeToken(ref s, out var host) || !TakeToken(ref s, out var app) || !TakeToken(ref s, out var pid)
            || !TakeToken(ref s, out _) || s.IsEmpty)
            return false;
        h.Host = host;
        h.App = app;
        h.ProcessId = pid;
        if (h.Host is "-") h.Host = default;
        if (h.ProcessId is "-") h.ProcessId = default;
        if (s[0] == '-')
        {
            s = s[1..];
        }
        else
        {
            // One or more [id param="value" ...] elements; a ']' inside a value is escaped as \].
            while (!s.IsEmpty && s[0] == '[')
            {
                var i = 1;
                var inQuotes = false;
                for (; i < s.Length; i++)
                {
                    var c = s[i];
                    if (c == '\\') { i++; continue; }
                    if (c == '"') inQuotes = !inQuotes;
                    else if (c == ']' && !inQuotes) break;
                }
                if (i >= s.Length) { error = "unclosed structured data"; return false; }
                s = s[(i + 1)..];
            }
        }
        if (!s.IsEmpty && s[0] != ' ') { error = "expected a space after the structured data"; return false; }
        h.Message = s.IsEmpty ? default : s[1..];
        if (h.Message.StartsWith('\uFEFF')) h.Message = h.Message[1..];
        error = null;
        return true;
    }

    private static bool TakeToken(scoped ref ReadOnlySpan<char> s, out ReadOnlySpan<char> token)
    {
        s = s.TrimStart(' ');
        var space = s.IndexOf(' ');
        if (space <= 0) { token = default; return false; }
        token = s[..space];
        s = s[(space + 1)..];
        return true;
    }
}
