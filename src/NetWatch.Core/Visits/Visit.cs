using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Core.Visits;

/// <summary>
/// One person's stay on one registered domain: consecutive requests with no idle gap longer than the aggregator's.
/// Start is the earliest request start (event.start, else @timestamp), End the latest request end.
/// Verdict is the most serious verdict of its requests (see <see cref="Policy.Verdicts.Severity"/>).
/// </summary>
public sealed record Visit : IVisitView
{
    /// <summary>user.name, or source.ip when nobody is attributed.</summary>
    public required string Person { get; init; }
    /// <summary>The first of user.roles, if any.</summary>
    public string? Role { get; init; }
    /// <summary>url.registered_domain (url.domain when the registered domain is unknown).</summary>
    public required string Domain { get; init; }
    public required Instant Start { get; init; }
    public required Instant End { get; init; }
    public Duration Duration => End - Start;
    public required int EventCount { get; init; }
    /// <summary>The union of the requests' categories, sorted.</summary>
    public required IReadOnlyList<string> Categories { get; init; }
    public string? Verdict { get; init; }
    public string? PolicyName { get; init; }
    public required EventId FirstEventId { get; init; }
    /// <summary>
    /// The time owned by requests the policy judged personal (a request owns the time from its start to the next
    /// request's, the last one to the visit's end), marked working hours when its verdict was personal-working-hours.
    /// Personal-use minutes are these, so they agree with the verdicts.
    /// </summary>
    public IReadOnlyList<PersonalSpan> PersonalTime { get; init; } = [];

    int IVisitView.PersonalSpansAtMost => PersonalTime.Count;

    bool IVisitView.NextPersonalSpan(ref int cursor, out PersonalSpan span)
    {
        var has = cursor < PersonalTime.Count;
        span = has ? PersonalTime[cursor++] : default;
        return has;
    }

    Visit IVisitView.ToVisit() => this;
}

/// <summary>A stretch of a visit owned by a request judged personal; <see cref="InWorkingHours"/>: personal-working-hours.</summary>
public readonly record struct PersonalSpan(Instant Start, Instant End, bool InWorkingHours);
