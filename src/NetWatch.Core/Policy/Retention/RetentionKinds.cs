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

    public static readonly IReadOnlyList<string> All = [Events, Findings, Visits, DeadLetters];

    /// <summary>What each kind is, for the transparency notice and messages.</summary>
    public static string Describe(string kind) => kind switch
    {
        Events => "web, DNS and firewall events (each request, with the person it was attributed to)",
        Findings => "findings (a login used on two computers at once, unknown devices, unattributed traffic)",
        Visits => "visits (time spent on each site, derived from the events)",
        DeadLetters => "log lines that could not be read (kept to be corrected; they may name a person)",
        _ => kind,
    };
}
