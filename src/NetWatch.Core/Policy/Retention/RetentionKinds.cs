namespace NetWatch.Core.Policy.Retention;

/// <summary>
/// The kinds of record kept under retention, as the policy file and the service's configuration name them
/// (<c>retention: { events: ..., findings: ..., visits: ..., dead_letters: ... }</c>). The store's RecordKind maps to these.
/// </summary>
public static class RetentionKinds
{
    public const string Events = "events";
    public const string Findings = "findings";
    public const string Visits = "visits";
    public const string DeadLetters = "dead_letters";
    public const string Alerts = "alerts";
    public const string ReferredAlerts = "referred_alerts";

    public static readonly IReadOnlyList<string> All = [Events, Findings, Visits, DeadLetters, Alerts, ReferredAlerts];

    /// <summary>
    /// The period of a kind neither the configuration nor the policy names: 12 months, except referred alerts, which are
    /// kept until a period is set (a referral is a safeguarding record: schools keep those by their records-management
    /// schedule, often until the child is 25, which NetWatch cannot know).
    /// </summary>
    public static RetentionPeriod? DefaultPeriod(string kind) => kind == ReferredAlerts ? null : RetentionPeriod.Default;

    /// <summary>What each kind is, for the transparency notice and messages.</summary>
    public static string Describe(string kind) => kind switch
    {
        Events => "web, DNS and firewall events (each request, with the person it was attributed to)",
        Findings => "findings (a login used on two computers at once, unknown devices, unattributed traffic)",
        Visits => "visits (time spent on each site, derived from the events)",
        DeadLetters => "log lines that could not be read (kept to be corrected; they may name a person)",
        Alerts => "alerts raised for the Designated Safeguarding Lead, with their triage and notifications",
        ReferredAlerts => "alerts the DSL closed as referred (to children's social care, the police or another agency)",
        _ => kind,
    };
}
