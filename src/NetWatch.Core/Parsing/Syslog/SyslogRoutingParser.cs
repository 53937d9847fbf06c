using NetWatch.Core.Events;

namespace NetWatch.Core.Parsing.Syslog;

/// <summary>
/// Reads a whole syslog message: parses its header, picks the body's parser by the first rule whose host and
/// app-name patterns match, and parses the body with it. A bad header, or no matching rule, is a parse failure
/// (so the raw message becomes a dead letter, never lost).
/// </summary>
public sealed class SyslogRoutingParser(IReadOnlyList<SyslogRule> rules) : ILogLineParser
{
    public const string FormatName = "syslog";
    public const string BadHeader = "syslog-header";
    public const string NoRule = "syslog-no-rule";

    public string Format => FormatName;

    public ParseResult Parse(ReadOnlySpan<char> line, in EventOrigin origin)
    {
        if (!SyslogHeaderParser.TryParse(line, out var message, out var error)) return ParseResult.Fail(BadHeader, error);
        foreach (var rule in rules)
            if (rule.Matches(message!)) return rule.Parser.Parse(message!.Message, origin);
        return ParseResult.Fail(NoRule, $"no rule for host '{message!.Host ?? "-"}' app-name '{message.AppName ?? "-"}'");
    }
}
