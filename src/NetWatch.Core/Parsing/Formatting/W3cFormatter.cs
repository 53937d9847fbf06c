using System.Globalization;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing.W3c;

namespace NetWatch.Core.Parsing.Formatting;

/// <summary>
/// A W3C data line for the columns of <see cref="HeaderLines"/> (write those first): space-separated, <c>-</c> for an
/// empty value, UTC, a space in the user agent written as <c>+</c> as IIS does. url.original is split back into
/// <c>cs-uri-stem</c> and <c>cs-uri-query</c> at the first '?'.
/// </summary>
public sealed class W3cFormatter : ILogLineFormatter
{
    public const string Fields =
        "date time c-ip cs-username s-ip s-port cs-method cs-uri-stem cs-uri-query sc-status sc-bytes time-taken cs-version cs(User-Agent) cs(Referer)";

    /// <summary>The directives that declare the columns <see cref="FormatLine"/> writes.</summary>
    public static IReadOnlyList<string> HeaderLines { get; } = ["#Software: NetWatch", "#Version: 1.0", "#Fields: " + Fields];

    public string Format => W3cParser.FormatName;

    public string FormatLine(NetEvent e)
    {
        var t = e.Timestamp.InUtc().LocalDateTime;
        var original = e.Url.Original;
        var q = original.IndexOf('?');
        var stem = q < 0 ? original : original[..q];
        var query = q < 0 ? null : original[(q + 1)..];
        string[] fields =
        [
            string.Create(CultureInfo.InvariantCulture, $"{t.Year:D4}-{t.Month:D2}-{t.Day:D2}"),
            string.Create(CultureInfo.InvariantCulture, $"{t.Hour:D2}:{t.Minute:D2}:{t.Second:D2}"),
            FormatText.OrDash(e.SourceIp),
            FormatText.OrDash(e.SourceUserName),
            FormatText.OrDash(e.DestinationIp),
            FormatText.OrDash(e.DestinationPort),
            FormatText.OrDash(e.Method),
            FormatText.OrDash(stem),
            FormatText.OrDash(query),
            FormatText.OrDash(e.StatusCode),
            FormatText.OrDash(e.ResponseBytes),
            e.Duration is { } d ? ((long)d.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) : "-",
            e.HttpVersion is null ? "-" : "HTTP/" + e.HttpVersion,
            FormatText.OrDash(e.UserAgent?.Replace(' ', '+')),
            FormatText.OrDash(e.Referrer),
        ];
        return string.Join(' ', fields);
    }
}
