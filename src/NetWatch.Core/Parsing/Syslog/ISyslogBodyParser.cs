using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Core.Parsing.Syslog;

/// <summary>
/// A parser whose lines are syslog messages when written to a file (pfSense filterlog, dnsmasq, BIND over syslog):
/// received over the network, the syslog header is taken off by the receiver and only the body is left, with no
/// time (nor program name) of its own. <see cref="SyslogRoutingParser"/> hands such parsers the header's facts.
/// </summary>
public interface ISyslogBodyParser
{
    /// <summary>
    /// Parses a message body. A body that still carries a syslog header of its own (a file line forwarded as it
    /// was written) is read with that header; otherwise <paramref name="header"/>'s time and app-name are the event's.
    /// </summary>
    ParseResult ParseBody(ReadOnlySpan<char> body, in SyslogBodyHeader header, in EventOrigin origin);
}

/// <summary>
/// What the syslog header says about a body: its time (null when the header has none, e.g. an RFC 5424 "-"),
/// app-name and host.
/// </summary>
public readonly record struct SyslogBodyHeader(Instant? Timestamp, string? AppName, string? Host)
{
    public const string NoTime = "neither the message nor its syslog header has a time";
}
