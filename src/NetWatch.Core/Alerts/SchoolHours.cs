using NetWatch.Core.Policy;
using NodaTime;

namespace NetWatch.Core.Alerts;

/// <summary>
/// What is out of hours for alerts, from the policy: in hours is a working period of the hours role (by default the
/// policy's first staff role) on a day its calendar has it work (term, INSET..., holidays and bank holidays included),
/// in the policy's time zone. Without a policy nothing is out of hours.
/// </summary>
public sealed class SchoolHours
{
    private readonly SchoolPolicy? _policy;
    private readonly RoleSchedule? _role;

    public SchoolHours(SchoolPolicy? policy, string? hoursRole = null)
    {
        _policy = policy;
        if (policy is null) return;
        _role = hoursRole is not null ? policy.Roles.GetValueOrDefault(hoursRole)
            : policy.Roles.Values.FirstOrDefault(r => r.Kind == RoleKind.Staff) ?? policy.Roles.GetValueOrDefault(policy.DefaultRole);
    }

    public static readonly SchoolHours Always = new(null);

    public bool IsOutOfHours(Instant at)
    {
        if (_policy is null || _role is null) return false;
        var local = at.InZone(_policy.TimeZone).LocalDateTime;
        if (!_role.Works(_policy.Calendar.KindOf(local.Date))) return true;
        var second = (int)(local.TimeOfDay.TickOfDay / NodaConstants.TicksPerSecond);
        return !_role.For(local.DayOfWeek).Working.Any(w => w.Contains(second));
    }
}
