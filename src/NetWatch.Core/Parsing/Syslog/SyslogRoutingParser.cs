using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Text;
using NodaTime;

namespace NetWatch.Core.Parsing.Syslog;

/// <summary>
/// Reads a whole syslog message: parses its header, picks the body's parser by the first rule whose host and
/// app-name patterns match, and parses the body with it. A bad header, or no matching rule, is a parse failure
/// (so the raw message becomes a dead letter, never lost). A body parser that reads syslog lines of its own
/// (<see cref="ISyslogBodyParser"/>) is given the header's time: filterlog, dnsmasq and BIND bodies carry none.
/// RFC 3164's year-less time is dated by <paramref name="options"/> (as in files). A line end at the message's end
/// is not part of it: rsyslog's templates end with LF, which an octet-counted frame or a UDP datagram keeps.
/// </summary>
public sealed class SyslogRoutingParser(IReadOnlyList<SyslogRule> rules, ParserOptions? options = null) : ILogLineParser
{
    private readonly ParserOptions _options = options ?? ParserOptions.Default;

    public const string FormatName = "syslog";
    public const string BadHeader = "syslog-header";
    public const string NoRule = "syslog-no-rule";

    public string Format => FormatName;

    public ParseResult Parse(ReadOnlySpan<char> line, in EventOrigin origin)
    {
        line = line.TrimEnd("\r\n");
        if (!SyslogHeaderParser.TryParse(line, out var message, out var error)) return ParseResult.Fail(BadHeader, error);
        foreach (var rule in rules)
            if (rule.Matches(message!))
                return rule.Parser is ISyslogBodyParser body
                    ? body.ParseBody(message!.Message, new SyslogBodyHeader(HeaderTime(message), message.AppName, message.Host), origin)
                    : rule.Parser.Parse(message!.Message, origin);
        return ParseResult.Fail(NoRule, $"no rule for host '{message!.Host ?? "-"}' app-name '{message.AppName ?? "-"}'");
    }

    /// <summary>The header's time: RFC 5424's RFC 3339 instant, or RFC 3164's local <c>Mmm dd HH:mm:ss</c>.</summary>
    private Instant? HeaderTime(SyslogMessage message)
    {
        if (message.Timestamp is not { } text) return null;
        if (message.Protocol == SyslogProtocol.Rfc5424)
            return SyslogTime.TryParseIso(text, out var iso) ? iso : null;
        return SyslogTime.TryReadBsd(text, _options, out var bsd) == text.Length ? bsd : null;
    }
}
