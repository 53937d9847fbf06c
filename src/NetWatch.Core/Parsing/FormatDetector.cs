using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Squid;
using NetWatch.Core.Parsing.Text;

namespace NetWatch.Core.Parsing;

/// <summary>
/// Tells a log's format from its first lines. Each line's shape gives a candidate: e2guardian's local-time formats
/// start <c>yyyy.MM.dd HH:mm:ss</c> (then a space: fmt 1, a TAB: fmt 4, or in quotes: fmt 2); fmt 6 starts with an
/// epoch time and a TAB; Squid's native-like lines start with an epoch time and spaces (ending in a quote: the
/// custom format); combined lines start with an address and have <c>[time] "</c>. The most frequent candidate is
/// then confirmed by parsing the lines with it: at least 90% must parse (no-request, header and not-an-event lines
/// count as parsed). See <see cref="OtherShape"/> for the firewall, DNS and W3C formats.
/// <para>
/// Squid native and e2guardian fmt 3 share a layout. A file is taken as e2guardian fmt 3 only when every
/// native-like line has e2guardian's signature (hierarchy <c>DEFAULT_PARENT</c>, MIME type <c>-</c>); one line with
/// anything else (HIER_DIRECT, a MIME type) makes it Squid. A Squid whose every request went to a parent and had
/// no MIME type would be mistaken; <c>--format</c> overrides detection.
/// </para>
/// </summary>
public static class FormatDetector
{
    private const string E2Guardian3Like = "e2guardian-3?";
    private const double MinimumAcceptedShare = 0.9;

    public static FormatDetection Detect(IReadOnlyList<string> firstLines, ParserOptions? options = null)
    {
        options ??= ParserOptions.Default;
        var votes = new Dictionary<string, int>();
        var examined = 0;
        foreach (var line in firstLines ?? [])
        {
            if (string.IsNullOrWhiteSpace(line) || IsComment(line)) continue;
            examined++;
            if (Shape(line, options) is { } shape) votes[shape] = votes.GetValueOrDefault(shape) + 1;
        }
        if (examined == 0) return new FormatDetection(null, "no non-blank lines to detect the format from", 0, 0);
        if (votes.Count == 0) return new FormatDetection(null, "no line looks like any known format", examined, 0);

        var best = votes.MaxBy(v => v.Value).Key;
        if (best == E2Guardian3Like) best = votes.ContainsKey(LogFormats.SquidNative) ? LogFormats.SquidNative : LogFormats.E2Guardian3;

        var parser = LogFormats.CreateParser(best, options);
        var accepted = 0;
        var lineNumber = 0;
        foreach (var line in firstLines!)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || IsComment(line)) continue;
            var result = parser.Parse(line, new EventOrigin("detect", lineNumber));
            if (result.IsSuccess || result.Reason is ParseReasons.NoRequest or ParseReasons.Header or ParseReasons.NotAnEvent)
                accepted++;
        }
        if (accepted < examined * MinimumAcceptedShare)
            return new FormatDetection(null,
                $"lines look like {best} but only {accepted} of {examined} parse as {best}", examined, accepted);
        return new FormatDetection(best, null, examined, accepted);
    }

    /// <summary>The format a single line looks like, or null.</summary>
    private static string? Shape(ReadOnlySpan<char> line, ParserOptions options)
    {
        if (line.Length > ParserLimits.MaxLineLength) return null;
        if (line.Length > 21 && line[0] == '"' && LooksLikeE2GuardianTime(line[1..])) return LogFormats.E2Guardian2;
        if (line.Length > 20 && LooksLikeE2GuardianTime(line))
            return line[19] switch { '\t' => LogFormats.E2Guardian4, ' ' => LogFormats.E2Guardian1, _ => null };

        var firstSep = line.IndexOfAny(' ', '\t');
        if (firstSep > 0 && EpochTime.TryParse(line[..firstSep], out _))
        {
            if (line[firstSep] == '\t') return LogFormats.E2Guardian6;
            if (line.TrimEnd(' ').EndsWith('"')) return LogFormats.SquidCustom;
            if (!SquidNativeLine.TryRead(line, out var n, out _, out _)) return null;
            return n.Hierarchy is "DEFAULT_PARENT" && n.Mime is "-" ? E2Guardian3Like : LogFormats.SquidNative;
        }
        if (firstSep > 0 && IpText.LooksLikeIp(line[..firstSep]) && line.Contains("] \"", StringComparison.Ordinal))
            return LogFormats.SquidCombined;
        return OtherShape(line, options);
    }

    /// <summary>
    /// The firewall, DNS and W3C formats: W3C directives (<c>#Fields:</c>, <c>#Software:</c>...) and data lines
    /// (<c>yyyy-MM-dd HH:mm:ss ...</c>); FortiGate's <c>key=value</c> list with <c>type=</c> and a time key; BIND's
    /// <c>dd-Mon-yyyy</c> time or a <c>: query: </c> after an ISO time; otherwise a syslog line whose program is
    /// <c>filterlog</c>, <c>dnsmasq</c> or <c>named</c>.
    /// </summary>
    private static string? OtherShape(ReadOnlySpan<char> line, ParserOptions options)
    {
        if (line.StartsWith("#Fields:") || line.StartsWith("#Software:") || line.StartsWith("#Version:")
            || line.StartsWith("#Date:") || line.StartsWith("#Remark:"))
            return LogFormats.W3c;
        var isoDate = line.Length > 19 && line[4] == '-' && line[7] == '-' && char.IsAsciiDigit(line[0]) && char.IsAsciiDigit(line[9]);
        if (isoDate && line[10] == ' ' && line[13] == ':') return LogFormats.W3c;
        if (line.Contains("type=", StringComparison.Ordinal)
            && (line.Contains("date=", StringComparison.Ordinal) || line.Contains("eventtime=", StringComparison.Ordinal)))
            return LogFormats.Fortigate;
        if (line.Length > 12 && line[2] == '-' && line[6] == '-' && SyslogTime.Month(line.Slice(3, 3)) > 0) return LogFormats.BindQuery;
        if (isoDate && line[10] == 'T' && line.Contains(": query: ", StringComparison.Ordinal)) return LogFormats.BindQuery;
        if (!SyslogHeader.TryRead(line, options, out var h, out _)) return null;
        return h.App switch
        {
            "filterlog" => LogFormats.PfSenseFilterlog,
            "dnsmasq" or "pihole-FTL" => LogFormats.Dnsmasq,
            "named" => LogFormats.BindQuery,
            _ => null,
        };
    }

    /// <summary>
    /// <c># text</c>: a comment someone put in the file (the shipped samples cite their sources so). Not examined;
    /// W3C directives (<c>#Fields:</c>, no space after the #) are.
    /// </summary>
    private static bool IsComment(string line) => line.StartsWith("# ", StringComparison.Ordinal);

    private static bool LooksLikeE2GuardianTime(ReadOnlySpan<char> s) =>
        s.Length >= 19 && s[4] == '.' && s[7] == '.' && s[10] == ' ' && s[13] == ':' && s[16] == ':'
        && char.IsAsciiDigit(s[0]) && char.IsAsciiDigit(s[3]) && char.IsAsciiDigit(s[18]);
}
