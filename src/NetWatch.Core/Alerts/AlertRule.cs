namespace NetWatch.Core.Alerts;

/// <summary>What an alert rule matches.</summary>
public enum AlertRuleKind
{
    /// <summary>A safeguarding match of the phrase library (theme and severity from the match).</summary>
    Safeguarding,
    /// <summary>An event in one of the rule's categories (e.g. social media on school systems).</summary>
    Category,
    /// <summary>A finding of one of the rule's kinds (shared password, unregistered hardware...).</summary>
    Finding,
}

/// <summary>
/// One rule of a school's <c>alerts:</c> (policy file): what raises an alert, at what severity, under which theme,
/// citing the clause of the written policy like the verdict rules do.
/// </summary>
public sealed record AlertRule
{
    public required string Id { get; init; }
    public required string Clause { get; init; }
    public required AlertRuleKind Kind { get; init; }
    /// <summary>Category rules: the categories; finding rules: the finding kinds.</summary>
    public IReadOnlyList<string> Matches { get; init; } = [];
    /// <summary>Category and finding rules: the severity they raise (1-5).</summary>
    public int Severity { get; init; } = 1;
    /// <summary>Safeguarding rules: matches below this severity raise nothing.</summary>
    public int MinSeverity { get; init; } = 1;
    /// <summary>Category and finding rules: the theme their alerts group under (default: the rule's id).</summary>
    public string? Theme { get; init; }
    public int Line { get; init; }
}

/// <summary>A school's alert rules. Without any written, a school gets <see cref="Default"/>: every safeguarding match.</summary>
public sealed record AlertRules(IReadOnlyList<AlertRule> Rules)
{
    public static readonly AlertRule DefaultSafeguarding = new()
    {
        Id = "safeguarding-match",
        Clause = "KCSIE: safeguarding concerns go to the DSL at once (NetWatch default)",
        Kind = AlertRuleKind.Safeguarding,
    };

    public static readonly AlertRules Default = new([DefaultSafeguarding]);

    /// <summary>The written rules, with the default safeguarding rule first unless one of them is a safeguarding rule.</summary>
    public static AlertRules WithDefaults(IReadOnlyList<AlertRule> written) =>
        written.Any(r => r.Kind == AlertRuleKind.Safeguarding) ? new(written) : new([DefaultSafeguarding, .. written]);
}
