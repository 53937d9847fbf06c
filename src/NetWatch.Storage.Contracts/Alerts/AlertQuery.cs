using NetWatch.Core.Alerts;
using NodaTime;

namespace NetWatch.Storage.Contracts.Alerts;

/// <summary>Which alerts to list: last seen in [From, To), one school, person, theme, status, a minimum severity; newest first, at most <see cref="Limit"/>.</summary>
public sealed record AlertQuery
{
    public Instant? From { get; init; }
    public Instant? To { get; init; }
    public string? School { get; init; }
    public string? Person { get; init; }
    public string? Theme { get; init; }
    public AlertStatus? Status { get; init; }
    public int? MinSeverity { get; init; }
    public int Limit { get; init; } = 100;
}
