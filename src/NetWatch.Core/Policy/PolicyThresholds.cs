namespace NetWatch.Core.Policy;

/// <summary>A minutes limit and the clause it comes from.</summary>
public sealed record MinutesThreshold(int Minutes, string Clause);

/// <summary>Limits applied to personal-use minutes (derived from visits), not to single events.</summary>
public sealed record PolicyThresholds
{
    /// <summary>Personal use in working hours above this many minutes in a day is flagged.</summary>
    public MinutesThreshold? PersonalWorkingHoursMinutesPerDay { get; init; }
    /// <summary>"Excessive use": personal use (any time) above this many minutes in an ISO week.</summary>
    public MinutesThreshold? ExcessivePersonalMinutesPerWeek { get; init; }
}
