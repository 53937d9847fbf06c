using System.Globalization;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing.E2Guardian;

namespace NetWatch.Core.Parsing.Formatting;

/// <summary>
/// e2guardian fmt 6 (protex), TAB-separated: <c>ts.ms server user ip clienthost url method code size mime useragent -
/// duration_ms - messageno what weight category groupname group</c>.
/// </summary>
public sealed class E2GuardianFmt6Formatter : ILogLineFormatter
{
    public string Format => E2GuardianFmt6Parser.FormatName;

    public string FormatLine(NetEvent e)
    {
        var g = e.E2Guardian;
        string[] fields =
        [
            FormatText.Epoch(e.Timestamp),
            "",
            FormatText.OrDash(e.SourceUserName),
            e.SourceIp ?? "-",
            FormatText.OrDash(g?.ClientHost),
            e.Url.Original,
            FormatText.OrDash(e.Method),
            (e.StatusCode ?? 0).ToString(CultureInfo.InvariantCulture),
            FormatText.OrDash(e.ResponseBytes),
            FormatText.OrDash(e.MimeType),
            FormatText.OrDash(e.UserAgent),
            "-",
            e.Duration is { } d ? ((long)d.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) : "-",
            "-",
            FormatText.OrDash(g?.MessageNumber),
            E2GuardianWhat.Join(g?.Flag, g?.Reason),
            FormatText.OrDash(g?.Weight),
            FormatText.OrDash(g?.Category),
            FormatText.OrDash(g?.FilterGroupName),
            FormatText.OrDash(g?.FilterGroup),
        ];
        return string.Join('\t', fields);
    }
}
