using System.Globalization;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Filterlog;
using NetWatch.Core.Parsing.Text;
using NodaTime;

namespace NetWatch.Core.Parsing.Formatting;

/// <summary>
/// <c>Mmm dd HH:mm:ss pfsense filterlog[1]: CSV</c> in pf's documented field order. The IP fields pf logs but
/// NetWatch does not keep (TOS, TTL, id, offset, flags; IPv6 class, flow label, hop limit; TCP seq, ack, window,
/// options) are written as pf's common values (0x0, 64, 0, DF, ...).
/// </summary>
public sealed class FilterlogFormatter(ParserOptions options) : ILogLineFormatter
{
    private readonly DateTimeZone _zone = options.TimeZone;

    public string Format => FilterlogParser.FormatName;

    public string FormatLine(NetEvent e)
    {
        var p = e.PfSense ?? new PfSenseFields();
        var transport = e.NetworkTransport ?? "";
        var v6 = p.IpVersion == "ipv6";
        var common = $"{p.RuleNumber},,,{p.Tracker},{p.Interface},{p.Reason},{p.Action},{p.Direction},{(v6 ? 6 : 4)}";
        var proto = p.ProtocolId?.ToString(CultureInfo.InvariantCulture) ?? "";
        var length = p.Length?.ToString(CultureInfo.InvariantCulture) ?? "";
        var ip = v6
            ? $"0x00,0x00000,64,{transport},{proto},{length},{e.SourceIp},{e.DestinationIp}"
            : $"0x0,,64,0,0,DF,{proto},{transport},{length},{e.SourceIp},{e.DestinationIp}";
        var data = transport switch
        {
            "tcp" => $",{e.SourcePort},{e.DestinationPort},0,{p.TcpFlags},0,,64240,,",
            "udp" => $",{e.SourcePort},{e.DestinationPort},0",
            _ when p.IcmpType is not null => $",{p.IcmpType},0,0",
            _ => "",
        };
        return $"{SyslogTime.FormatBsd(e.Timestamp, _zone)} pfsense filterlog[1]: {common},{ip}{data}";
    }
}
