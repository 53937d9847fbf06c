using System.Globalization;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Dns;
using NetWatch.Core.Parsing.Text;
using NodaTime;

namespace NetWatch.Core.Parsing.Formatting;

/// <summary>
/// <c>dd-Mon-yyyy HH:mm:ss.fff client @0x1 address#port (name): query: name class type flags (server)</c>, the flags
/// rebuilt from dns.header_flags and network.transport (<c>+</c>/<c>-</c> RD, <c>E(0)</c>, <c>T</c>, <c>D</c>, <c>C</c>).
/// </summary>
public sealed class BindQueryFormatter(ParserOptions options) : ILogLineFormatter
{
    private readonly DateTimeZone _zone = options.TimeZone;

    public string Format => BindQueryParser.FormatName;

    public string FormatLine(NetEvent e)
    {
        var t = e.Timestamp.InZone(_zone).LocalDateTime;
        var time = string.Create(CultureInfo.InvariantCulture,
            $"{t.Day:D2}-{SyslogTime.MonthName(t.Month)}-{t.Year:D4} {t.Hour:D2}:{t.Minute:D2}:{t.Second:D2}.{t.Millisecond:D3}");
        var dns = e.Dns;
        var flags = dns?.HeaderFlags ?? [];
        var flagText = (flags.Contains("RD") ? "+" : "-") + "E(0)" + (e.NetworkTransport == "tcp" ? "T" : "")
                       + (flags.Contains("DO") ? "D" : "") + (flags.Contains("CD") ? "C" : "");
        var name = dns?.QuestionName ?? e.Url.Original;
        var server = e.DestinationIp is null ? "" : $" ({e.DestinationIp})";
        return string.Create(CultureInfo.InvariantCulture,
            $"{time} client @0x1 {e.SourceIp}#{e.SourcePort ?? 0} ({name}): query: {name} {dns?.QuestionClass ?? "IN"} {dns?.QuestionType ?? "A"} {flagText}{server}");
    }
}
