using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Core.Visits;

/// <summary>
/// A visit as it is to be stored, read-only: a <see cref="Visit"/>, or one of a <see cref="VisitAggregator"/>'s visits as
/// it stands (no record made: the live service takes every touched open visit with each write, ~2.4M takes in the 50,000
/// lines/s bench, and a record and its spans array for each was 587 MB allocated there). An aggregator's visit may change
/// with the next event added: a store writes (or copies) what it is handed before its write returns.
/// </summary>
public interface IVisitView
{
    string Person { get; }
    string? Role { get; }
    string Domain { get; }
    Instant Start { get; }
    Instant End { get; }
    int EventCount { get; }
    IReadOnlyList<string> Categories { get; }
    string? Verdict { get; }
    string? PolicyName { get; }
    EventId FirstEventId { get; }

    /// <summary>At least as many as the personal spans (<see cref="Visit.PersonalTime"/>): room for them can be reserved before they are read.</summary>
    int PersonalSpansAtMost { get; }

    /// <summary>
    /// The personal spans in order, one a call, without a list: <paramref name="cursor"/> starts at 0 and is the caller's to
    /// keep between calls; false when there is no other.
    /// </summary>
    bool NextPersonalSpan(ref int cursor, out PersonalSpan span);

    /// <summary>The visit as a record of its own (itself when it is one).</summary>
    Visit ToVisit();
}
