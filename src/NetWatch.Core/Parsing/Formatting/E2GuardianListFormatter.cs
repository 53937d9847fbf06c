using System.Globalization;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing.E2Guardian;
using NetWatch.Core.Parsing.Text;
using NodaTime;

namespace NetWatch.Core.Parsing.Formatting;

/// <summary>
/// e2guardian's 19-field list (formats 1, 2, 4): <c>date+time user ip url what method size weight category group code
/// mime clienthost groupname useragent params logid1 logid2 postdata</c>, joined by space (1), <c>","</c> inside
/// quotes (2) or TAB (4). The time is local wall-clock time in the configured zone.
/// </summary>
public sealed class E2GuardianListFormatter : ILogLineFormatter
{
    private readonly string _separator;
    private readonly string _prefix;
    private readonly DateTimeZone _zone;

    private E2GuardianListFormatter(string format, string separator, string prefix, ParserOptions options)
    {
        Format = format;
        _separator = separator;
        _prefix = prefix;
        _zone = options.TimeZone;
    }

    public static E2GuardianListFormatter Fmt1(ParserOptions options) => new(E2GuardianFmt1Parser.FormatName, " ", "", options);

    public static E2GuardianListFormatter Fmt2(ParserOptions options) => new(E2GuardianFmt2Parser.FormatName, "\",\"", "\"", options);

    public static E2GuardianListFormatter Fmt4(ParserOptions options) => new(E2GuardianFmt4Parser.FormatName, "\t", "", options);

    public string Format { get; }

    public string FormatLine(NetEvent e)
    {
        var g = e.E2Guardian;
        string[] fields =
        [
            LogTimestamps.FormatE2Guardian(e.Timestamp, _zone),
            FormatText.OrDash(e.SourceUserName),
            e.SourceIp ?? "-",
            e.Url.Original,
            E2GuardianWhat.Join(g?.Flag, g?.Reason),
            FormatText.OrDash(e.Method),
            FormatText.OrDash(e.ResponseBytes),
            FormatText.OrDash(g?.Weight),
            FormatText.OrDash(g?.Category),
            FormatText.OrDash(g?.FilterGroup),
            (e.StatusCode ?? 0).ToString(CultureInfo.InvariantCulture),
            FormatText.OrDash(e.MimeType),
            FormatText.OrDash(g?.ClientHost),
            FormatText.OrDash(g?.FilterGroupName),
            FormatText.OrDash(e.UserAgent),
            "-", "-", "-", "-",
        ];
        return _prefix + string.Join(_separator, fields) + _prefix;
    }
}
