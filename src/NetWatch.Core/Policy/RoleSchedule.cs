using NodaTime;

namespace NetWatch.Core.Policy;

/// <summary>
/// A role (user.roles value) and when it works: a schedule per ISO weekday, and the kinds of calendar day
/// it works on. Pupils work on term days only (outside term their working-hours rules do not apply);
/// staff usually also on INSET days, and all-year support staff on holidays too.
/// </summary>
public sealed record RoleSchedule
{
    public required string Name { get; init; }
    public required RoleKind Kind { get; init; }
    public string? Description { get; init; }
    /// <summary>Indexed by (int)IsoDayOfWeek (1 = Monday .. 7 = Sunday); index 0 unused. A day not set is off.</summary>
    public required IReadOnlyList<DaySchedule> Week { get; init; }
    public required IReadOnlySet<DayKind> WorksOn { get; init; }
    public int Line { get; init; }

    public DaySchedule For(IsoDayOfWeek day) => Week[(int)day];

    /// <summary>True when this role has working hours on a date of this kind (uncovered dates count as term).</summary>
    public bool Works(DayKind kind) => WorksOn.Contains(kind == DayKind.Uncovered ? DayKind.Term : kind);
}
