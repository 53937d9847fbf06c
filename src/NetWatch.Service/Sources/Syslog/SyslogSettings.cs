namespace NetWatch.Service.Sources.Syslog;

/// <summary>A syslog receiver's settings (syslog-udp and syslog-tcp alike): where it listens and how a message's body format is picked.</summary>
public sealed record SyslogSettings(string Name, string Type, string Bind, int Port, IReadOnlyList<SyslogRuleSettings> Rules)
    : SourceSettings(Name, Type);

/// <summary>A rule: messages whose header host and app-name match (patterns with '*') are parsed as <see cref="Format"/>.</summary>
public sealed record SyslogRuleSettings(string? Host, string? AppName, string Format);
