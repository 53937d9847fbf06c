using System.Globalization;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Dns;
using NetWatch.Core.Parsing.Text;
using NodaTime;

namespace NetWatch.Core.Parsing.Formatting;

/// <summary>
/// <c>Mmm dd HH:mm:ss dnsmasq[1]: query[TYPE] name from address</c>; with a client port, the
/// <c>log-queries=extra</c> form <c>1 address/port query[TYPE] ...</c>.
/// </summary>
public sealed class DnsmasqFormatter(ParserOptions options) : ILogLineFormatter
{
    private readonly DateTimeZone _zone = options.TimeZone;

    public string Format => DnsmasqParser.FormatName;

    public string FormatLine(NetEvent e)
    {
        var extra = e.SourcePort is { } port ? string.Create(CultureInfo.InvariantCulture, $"1 {e.SourceIp}/{port} ") : "";
        return $"{SyslogTime.FormatBsd(e.Timestamp, _zone)} dnsmasq[1]: {extra}query[{e.Dns?.QuestionType ?? "A"}] " +
               $"{e.Dns?.QuestionName ?? e.Url.Original} from {e.SourceIp}";
    }
}
