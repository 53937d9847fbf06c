using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Core.Alerts;

/// <summary>
/// One alert: a group of matches of one subject and theme (see <see cref="AlertGrouper"/>). The detection part
/// (first and last seen, severity, evidence, event ids, count, version) is the pipeline's; the triage part (status,
/// outcome, assignee, notes) is the DSL's, and a store keeps the two apart so that neither overwrites the other.
/// </summary>
public sealed record Alert
{
    /// <summary>How many evidence items an alert keeps (the newest; <see cref="EventIds"/> keeps every event).</summary>
    public const int EvidenceKept = 20;

    public required string Id { get; init; }
    public required string School { get; init; }
    public required AlertSubject Subject { get; init; }
    public required string Theme { get; init; }
    /// <summary>1 (low) to 5 (imminent risk): the highest of its matches.</summary>
    public required int Severity { get; init; }
    /// <summary>Event time of the first and the last match.</summary>
    public required Instant FirstSeen { get; init; }
    public required Instant LastSeen { get; init; }
    public required long Count { get; init; }
    public IReadOnlyList<AlertEvidence> Evidence { get; init; } = [];
    public IReadOnlyList<EventId> EventIds { get; init; } = [];
    /// <summary>Incremented each time the alert is (re-)notified: new, higher severity, repeat.</summary>
    public int Version { get; init; } = 1;
    /// <summary>Wall-clock time the alert was stored first, and its latest version was notified (escalation counts from it).</summary>
    public required Instant RaisedAt { get; init; }
    public required Instant NotifiedAt { get; init; }
    /// <summary>Event time of the latest notification (the repeat interval counts from it).</summary>
    public required Instant NotifiedSeen { get; init; }

    public AlertStatus Status { get; init; } = AlertStatus.New;
    public AlertOutcome? Outcome { get; init; }
    public string? Assignee { get; init; }
    public IReadOnlyList<AlertNote> Notes { get; init; } = [];

    /// <summary>The group key: school, subject and theme (Alertmanager's group_by).</summary>
    public string GroupKey => GroupKeys.Of(School, Subject, Theme);
}

public static class GroupKeys
{
    public static string Of(string school, AlertSubject subject, string theme) => $"{school}|{subject.Key}|{theme}";
}
