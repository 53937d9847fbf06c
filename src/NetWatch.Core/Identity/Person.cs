namespace NetWatch.Core.Identity;

/// <summary>One person of the school's directory (MIS / identity export).</summary>
public sealed record Person
{
    /// <summary>The canonical user name (what user.name is set to), lower-case.</summary>
    public required string UserName { get; init; }
    public string? FullName { get; init; }
    /// <summary>One of <see cref="PersonRoles"/>.</summary>
    public required string Role { get; init; }
    /// <summary>Department (staff) or year group (pupils).</summary>
    public string? Group { get; init; }
    /// <summary>The id of the working pattern the policy uses to tell working hours from breaks.</summary>
    public string? WorkingPatternId { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>
    /// user.roles as a shared list, so attributing an event does not allocate one: the working pattern (when given)
    /// then the role. A policy judges an event by the first of them it defines as a role, so the pattern picks the
    /// schedule (support staff who work the holidays are not judged on teachers' term days).
    /// </summary>
    public IReadOnlyList<string> Roles { get; init; } = [];
}

public static class PersonRoles
{
    public const string Staff = "staff";
    public const string Pupil = "pupil";
    public const string Visitor = "visitor";
    public const string Contractor = "contractor";

    public static readonly IReadOnlyList<string> All = [Staff, Pupil, Visitor, Contractor];
}
