namespace NetWatch.Core.Parsing.Syslog;

/// <summary>
/// Which parser reads the body of messages from a host and app-name. Patterns are case-insensitive with '*'
/// for any run of characters; a null pattern matches anything, including a missing field.
/// </summary>
public sealed record SyslogRule(string? Host, string? AppName, ILogLineParser Parser)
{
    public bool Matches(SyslogMessage message) =>
        (Host is null || Glob.Matches(Host, message.Host ?? "")) && (AppName is null || Glob.Matches(AppName, message.AppName ?? ""));
}
