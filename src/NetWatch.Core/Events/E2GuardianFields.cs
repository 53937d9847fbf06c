namespace NetWatch.Core.Events;

/// <summary>e2guardian.*: e2guardian's own fields. Null members were "-" or empty in the log.</summary>
public sealed record E2GuardianFields
{
    /// <summary>e2guardian.flag: DENIED, TRUSTED, EXCEPTION, ... (the *FLAG* without stars)</summary>
    public string? Flag { get; init; }
    /// <summary>e2guardian.reason: the text after the flag, e.g. "Blocked site: tiktok.com"</summary>
    public string? Reason { get; init; }
    /// <summary>e2guardian.category, e.g. "Social Networking"</summary>
    public string? Category { get; init; }
    /// <summary>e2guardian.filter_group.id (the number)</summary>
    public int? FilterGroup { get; init; }
    /// <summary>e2guardian.filter_group.name, e.g. "pupils"</summary>
    public string? FilterGroupName { get; init; }
    /// <summary>e2guardian.weight (naughtiness)</summary>
    public int? Weight { get; init; }
    /// <summary>e2guardian.client_host</summary>
    public string? ClientHost { get; init; }
    /// <summary>e2guardian.message_no (fmt 6)</summary>
    public string? MessageNumber { get; init; }
}
