using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Text;
using NodaTime;

namespace NetWatch.Core.Parsing.W3c;

/// <summary>
/// The W3C Extended Log File Format (W3C WD-logfile-960323) as IIS and Forefront TMG/ISA write it. Directive lines
/// start with <c>#</c>: <c>#Fields:</c> declares the columns of the lines after it (it may change within a file,
/// IIS writes it again when it restarts), <c>#Software:</c> names the writer (IIS → observer.product <c>iis</c>,
/// dataset <c>iis.access</c>; Forefront TMG/ISA → <c>forefront-tmg</c>, <c>forefront_tmg.web</c>; otherwise
/// <c>w3c</c>, <c>w3c.access</c>), <c>#Date:</c> gives the date when there is no date column. Directives come back as
/// <see cref="ParseReasons.Header"/>: this parser is stateful (<see cref="IStatefulLogLineParser"/>).
/// <para>
/// Data lines are separated by single spaces (IIS) or TABs (TMG, when the line has one); <c>-</c> is an empty value.
/// date and time are UTC. The URL is <c>cs-uri</c> (TMG, absolute) or <c>cs-uri-stem</c> + <c>?cs-uri-query</c>; with a
/// host column (<c>cs-host</c>, <c>r-host</c>) url.original is the absolute URL <c>scheme://host[:port]stem?query</c>
/// (scheme from <c>cs-protocol</c>, else https on port 443), without one it is the path as logged. IIS writes a space
/// in <c>cs(User-Agent)</c> as <c>+</c>, which is read back as a space. <c>time-taken</c> is milliseconds: event.start =
/// @timestamp − time-taken. TMG's <c>action</c> Denied → denied, Failed → error; otherwise the HTTP status decides as
/// for Squid (<see cref="EventActionRules"/>).
/// </para>
/// </summary>
public sealed class W3cParser : IStatefulLogLineParser
{
    public const string FormatName = "w3c";

    private sealed record Writer(string Product, string Dataset);

    private static readonly Writer Generic = new("w3c", "w3c.access");
    private static readonly Writer Iis = new("iis", "iis.access");
    private static readonly Writer Tmg = new("forefront-tmg", "forefront_tmg.web");

    private volatile W3cFieldMap? _fields;
    private volatile Writer _writer = Generic;
    private LocalDate? _directiveDate;

    public string Format => FormatName;

    public void Reset()
    {
        _fields = null;
        _writer = Generic;
        _directiveDate = null;
    }

    public ParseResult Parse(ReadOnlySpan<char> line, in EventOrigin origin)
    {
        if (LineGuard.Check(line) is { } fail) return fail;
        var text = line.TrimEnd("\r ");
        if (text.StartsWith('#')) return Directive(text);
        var fields = _fields;
        if (fields is null) return ParseResult.Fail(ParseReasons.NoFieldsHeader, "a data line before any #Fields: directive");

        var separator = text.Contains('\t') ? '\t' : ' ';
        Span<Range> r = stackalloc Range[Math.Min(fields.Count + 1, 256)];
        var n = text.Split(r, separator);
        if (n != fields.Count || fields.Count >= 256)
            return ParseResult.Fail(ParseReasons.FieldCount, $"#Fields: declares {fields.Count} fields, the line has {n}");

        var row = new Row(text, r[..n]);
        if (!TryTimestamp(row, fields, out var timestamp))
            return ParseResult.Fail(ParseReasons.BadTimestamp, "expected date yyyy-MM-dd and time HH:mm:ss[.fff]");
        if (!TryStatus(row[fields.Status], out var status)
            || !SpanNumbers.TryParseOptionalInt64(row[fields.BytesSent], out var bytes, absent: "-")
            || !SpanNumbers.TryParseOptionalInt64(row[fields.TimeTaken], out var ms, absent: "-")
            || !SpanNumbers.TryParseOptionalInt64(row[fields.ServerPort], out var port, absent: "-")
            || port > 65535 || ms > Squid.SquidNativeLine.MaxElapsedMs)
            return ParseResult.Fail(ParseReasons.BadNumber, "sc-status, sc-bytes, time-taken and s-port must be numbers");
        var clientIp = row[fields.ClientIp];
        if (!clientIp.IsEmpty && !IpText.LooksLikeIp(clientIp))
            return ParseResult.Fail(ParseReasons.BadAddress, "c-ip is not an IP address");

        var method = row[fields.Method].IsEmpty ? null : KnownStrings.Get(row[fields.Method]);
        var url = Url(row, fields, (int?)port, method);
        var user = Value(row[fields.UserName]);
        var writer = _writer;
        Duration? duration = ms is { } taken ? Duration.FromMilliseconds(taken) : null;
        var version = row[fields.Version];
        var tmgAction = row[fields.TmgAction];
        return ParseResult.Ok(new NetEvent
        {
            Id = EventIdentity.Compute(FormatName, origin.LineNumber, line),
            Origin = origin,
            Timestamp = timestamp,
            End = duration is null ? null : timestamp,
            Duration = duration,
            Start = duration is { } d ? timestamp - d : null,
            Action = tmgAction.Equals("Denied", StringComparison.OrdinalIgnoreCase) ? EventActions.Denied
                : tmgAction.Equals("Failed", StringComparison.OrdinalIgnoreCase) ? EventActions.Error
                : EventActionRules.Decide(default, default, status, method, url.Original),
            Dataset = writer.Dataset,
            ObserverProduct = writer.Product,
            SourceIp = clientIp.IsEmpty ? null : KnownStrings.Get(clientIp),
            SourceUserName = user,
            UserName = user,
            DestinationIp = Value(row[fields.ServerIp]),
            DestinationPort = (int?)port,
            Url = url,
            Method = method,
            StatusCode = status,
            ResponseBytes = bytes,
            Referrer = Value(row[fields.Referrer]),
            HttpVersion = version.StartsWith("HTTP/", StringComparison.OrdinalIgnoreCase) ? KnownStrings.Get(version[5..]) : Value(version),
            MimeType = Value(row[fields.MimeType]),
            UserAgent = fields.UserAgent >= 0 ? PlusToSpace(row[fields.UserAgent]) : Value(row[fields.Agent]),
        });
    }

    private ParseResult Directive(ReadOnlySpan<char> text)
    {
        var colon = text.IndexOf(':');
        var name = colon > 1 ? text[1..colon] : text[1..];
        var value = colon > 1 ? text[(colon + 1)..].Trim(" \t") : default;
        if (name.Equals("Fields", StringComparison.OrdinalIgnoreCase))
        {
            var map = W3cFieldMap.Parse(value);
            if (map.Count == 0 || map.Time < 0)
            {
                _fields = null;
                return ParseResult.Fail(ParseReasons.FieldCount, "#Fields: without a time field");
            }
            _fields = map;
        }
        else if (name.Equals("Software", StringComparison.OrdinalIgnoreCase))
        {
            _writer = value.Contains("Internet Information Services", StringComparison.OrdinalIgnoreCase) ? Iis
                : value.Contains("Threat Management Gateway", StringComparison.OrdinalIgnoreCase)
                  || value.Contains("ISA Server", StringComparison.OrdinalIgnoreCase) ? Tmg
                : Generic;
        }
        else if (name.Equals("Date", StringComparison.OrdinalIgnoreCase) && value.Length >= 10 && TryDate(value[..10], out var date))
        {
            _directiveDate = date;
        }
        return ParseResult.Fail(ParseReasons.Header, $"#{name.ToString()} directive");
    }

    private bool TryTimestamp(in Row row, W3cFieldMap fields, out Instant instant)
    {
        instant = default;
        LocalDate date;
        if (fields.Date >= 0) { if (!TryDate(row[fields.Date], out date)) return false; }
        else if (_directiveDate is { } d) date = d;
        else return false;
        var t = row[fields.Time];
        if (t.Length < 8 || t[2] != ':' || t[5] != ':' || !SpanNumbers.TryParseInt32(t[..2], out var h)
            || !SpanNumbers.TryParseInt32(t.Slice(3, 2), out var mi) || !SpanNumbers.TryParseInt32(t.Slice(6, 2), out var s)
            || h > 23 || mi > 59 || s > 59)
            return false;
        long nanos = 0;
        if (t.Length > 8)
        {
            var frac = t[9..];
            if (t[8] != '.' || frac.IsEmpty || frac.Length > 9 || !SpanNumbers.TryParseInt64(frac, out nanos)) return false;
            for (var i = frac.Length; i < 9; i++) nanos *= 10;
        }
        instant = date.At(new LocalTime(h, mi, s)).InUtc().ToInstant().PlusNanoseconds(nanos);
        return true;
    }

    private static bool TryDate(ReadOnlySpan<char> s, out LocalDate date)
    {
        date = default;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-' || !SpanNumbers.TryParseInt32(s[..4], out var y)
            || !SpanNumbers.TryParseInt32(s.Slice(5, 2), out var m) || !SpanNumbers.TryParseInt32(s.Slice(8, 2), out var d))
            return false;
        if (y is < 1 or > 9999 || m is < 1 or > 12 || d < 1 || d > CalendarSystem.Iso.GetDaysInMonth(y, m)) return false;
        date = new LocalDate(y, m, d);
        return true;
    }

    private static UrlParts Url(in Row row, W3cFieldMap f, int? port, string? method)
    {
        var uri = Value(row[f.Uri]);
        if (uri is not null) return SafeUrl.Parse(uri, method);
        var stem = Value(row[f.UriStem]);
        var query = Value(row[f.UriQuery]);
        if (stem is null) return UrlParts.Empty;
        var original = query is null ? stem : stem + "?" + query;
        var host = Value(row[f.Host]);
        if (host is null || !stem.StartsWith('/'))
            return new UrlParts { Original = original, Path = stem, Query = query };
        var protocol = Value(row[f.Protocol])?.ToLowerInvariant();
        var scheme = protocol is "http" or "https" ? protocol : port == 443 ? "https" : "http";
        var defaultPort = scheme == "https" ? 443 : 80;
        var portText = port is { } p && p != defaultPort && !host.Contains(':') ? ":" + p : "";
        return SafeUrl.Parse($"{scheme}://{host}{portText}{original}", method);
    }

    /// <summary>An HTTP status; TMG writes its own error numbers there (12202 access denied), which are no HTTP status.</summary>
    private static bool TryStatus(ReadOnlySpan<char> s, out int? status)
    {
        status = null;
        if (s.IsEmpty || s is "-") return true;
        if (!SpanNumbers.TryParseInt32(s, out var v)) return false;
        if (v is > 0 and <= 999) status = v;
        return true;
    }

    private static string? Value(ReadOnlySpan<char> v) => v.IsEmpty || v is "-" ? null : KnownStrings.Get(v);

    private static string? PlusToSpace(ReadOnlySpan<char> v) => v.IsEmpty || v is "-" ? null : v.ToString().Replace('+', ' ');


    /// <summary>The fields of one data line; an absent column (index -1) reads as empty.</summary>
    private readonly ref struct Row(ReadOnlySpan<char> text, ReadOnlySpan<Range> ranges)
    {
        private readonly ReadOnlySpan<char> _text = text;
        private readonly ReadOnlySpan<Range> _ranges = ranges;

        public ReadOnlySpan<char> this[int index] => index < 0 ? default : _text[_ranges[index]];

    }
}
