using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Core.Alerts;

/// <summary>
/// Why one event raised or grew an alert: the event, its URL, search terms, the phrase that matched, its categories,
/// the severity it carried, and the alert rule with the clause of the written policy that decided it.
/// </summary>
public sealed record AlertEvidence
{
    public required EventId EventId { get; init; }
    public required Instant At { get; init; }
    public string? Url { get; init; }
    public string? Domain { get; init; }
    public string? SearchTerms { get; init; }
    public string? Matched { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public required int Severity { get; init; }
    public required string Rule { get; init; }
    public required string Clause { get; init; }
    /// <summary>The policy's verdict rule and clause on the event (they may differ from the alert rule's).</summary>
    public string? PolicyRule { get; init; }
    public string? PolicyClause { get; init; }
    public string? Explanation { get; init; }

    public bool Equals(AlertEvidence? other) => other is not null && EventId == other.EventId && At == other.At
        && Url == other.Url && Domain == other.Domain && SearchTerms == other.SearchTerms && Matched == other.Matched
        && Categories.SequenceEqual(other.Categories) && Severity == other.Severity && Rule == other.Rule
        && Clause == other.Clause && PolicyRule == other.PolicyRule && PolicyClause == other.PolicyClause
        && Explanation == other.Explanation;

    public override int GetHashCode() => HashCode.Combine(EventId, At, Rule, Severity);
}
