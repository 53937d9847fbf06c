using NetWatch.Core.Policy.Retention;
using NodaTime;

namespace NetWatch.Core.Policy;

/// <summary>A parsed, validated policy file: one school's (or trust's) acceptable-use policy as rules.</summary>
public sealed record SchoolPolicy
{
    /// <summary>netwatch.policy.name, e.g. "004-droitwich".</summary>
    public required string Name { get; init; }
    public string? Title { get; init; }
    /// <summary>The written policy this file implements.</summary>
    public string? Source { get; init; }
    public required DateTimeZone TimeZone { get; init; }
    /// <summary>The role used when an event has no attribution, or none of its roles is defined here.</summary>
    public required string DefaultRole { get; init; }
    /// <summary>What the file assumed where the written policy is silent (break times, term dates, ...).</summary>
    public IReadOnlyList<string> Assumptions { get; init; } = [];
    public required IReadOnlyDictionary<string, RoleSchedule> Roles { get; init; }
    public SchoolCalendar Calendar { get; init; } = SchoolCalendar.Empty;
    public CategoryClasses Categories { get; init; } = new();
    public IReadOnlyDictionary<string, AllowList> AllowLists { get; init; } = new Dictionary<string, AllowList>();
    public PolicyThresholds Thresholds { get; init; } = new();
    public required IReadOnlyList<PolicyRule> Rules { get; init; }
    /// <summary>The clause cited when no rule matches (verdict unclassified).</summary>
    public string? UnclassifiedClause { get; init; }
    /// <summary>Where the file names each category (in <c>categories:</c> and rules), for <see cref="PolicyCategoryCheck"/>.</summary>
    public IReadOnlyList<CategoryMention> CategoryMentions { get; init; } = [];
    /// <summary>What raises an alert for the DSL (<c>alerts.rules</c>); every safeguarding match when the file says nothing.</summary>
    public Alerts.AlertRules Alerts { get; init; } = NetWatch.Core.Alerts.AlertRules.Default;
    /// <summary>Whose working hours are "in hours" for alert routing (<c>alerts.hours_role</c>); null: the first staff role.</summary>
    public string? AlertHoursRole { get; init; }
    /// <summary>How long the policy says each kind of record is kept (by <see cref="RetentionKinds"/> name); kinds it leaves out are kept as configured, else 12 months.</summary>
    public IReadOnlyDictionary<string, RetentionPeriod> Retention { get; init; } = new Dictionary<string, RetentionPeriod>();
}
