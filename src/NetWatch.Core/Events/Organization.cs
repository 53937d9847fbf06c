namespace NetWatch.Core.Events;

/// <summary>
/// organization.*: the school an event belongs to, from the configuration (a top-level <c>school</c> for a single
/// school, per source for a trust; <c>import --school</c>).
/// </summary>
public sealed record Organization
{
    /// <summary>organization.id: a stable identifier of the school (e.g. its DfE URN or a slug).</summary>
    public string? Id { get; init; }
    /// <summary>organization.name: the school's name as people read it.</summary>
    public string? Name { get; init; }
}
