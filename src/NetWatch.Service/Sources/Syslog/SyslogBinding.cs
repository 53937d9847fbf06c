namespace NetWatch.Service.Sources.Syslog;

/// <summary>The configuration both syslog kinds read: <c>bind</c> (default 127.0.0.1), <c>port</c>, <c>rules</c> and/or <c>format</c>.</summary>
internal static class SyslogBinding
{
    public static readonly IReadOnlyList<string> Keys = ["bind", "port", "format", "rules:*:host", "rules:*:app", "rules:*:format"];

    public static SyslogSettings Bind(SourceBinding b, string type)
    {
        var port = b.Int("port", 0, 65535) ?? throw b.Error(null, $"syslog source '{b.Name}' needs a port");
        var rules = new List<SyslogRuleSettings>();
        foreach (var rule in b.Items("rules"))
            rules.Add(new SyslogRuleSettings(rule.String("host"), rule.String("app"), rule.Format("format") ?? throw rule.Error(null, "a rule needs a format")));
        if (b.Format("format") is { } format) rules.Add(new SyslogRuleSettings(null, null, format));
        if (rules.Count == 0) throw b.Error(null, $"syslog source '{b.Name}' needs rules (host/app → format) or a format");
        return new SyslogSettings(b.Name, type, b.Address("bind") ?? "127.0.0.1", port, rules);
    }
}
