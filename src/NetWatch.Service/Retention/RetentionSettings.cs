using NetWatch.Core.Policy.Retention;
using NodaTime;

namespace NetWatch.Service.Retention;

/// <summary>
/// The configuration's <c>retention</c> section: periods per kind (<c>events: 12 months</c>, ...) that override the
/// policy's, and the school-local time of the daily job (<c>daily_at</c>, default 02:30).
/// </summary>
public sealed record RetentionSettings
{
    public static readonly LocalTime DefaultDailyAt = new(2, 30);

    public static readonly RetentionSettings Default = new();

    /// <summary>Periods by kind name (<see cref="RetentionKinds"/>); kinds not given follow the policy, else 12 months.</summary>
    public IReadOnlyDictionary<string, RetentionPeriod> Periods { get; init; } = new Dictionary<string, RetentionPeriod>();

    /// <summary>When the daily job runs, in the policy's time zone (Europe/London without a policy).</summary>
    public LocalTime DailyAt { get; init; } = DefaultDailyAt;
}
