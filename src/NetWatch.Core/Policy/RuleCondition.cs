namespace NetWatch.Core.Policy;

/// <summary>
/// The <c>when</c> of a rule. Every condition given must hold (AND); inside one condition any listed value will do
/// (OR). <c>class</c> and <c>categories</c> form one condition: the event has a category in one of the named classes
/// or one of the named categories.
/// </summary>
public sealed record RuleCondition
{
    /// <summary>Class names from <c>class:</c>.</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];
    /// <summary>Category names from <c>categories:</c>.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];
    /// <summary><c>safeguarding: true</c>: the classifier gave the event a safeguarding theme.</summary>
    public bool? Safeguarding { get; init; }
    /// <summary><c>uncategorised: true</c>: the event has no category at all.</summary>
    public bool? Uncategorised { get; init; }
    /// <summary><c>allow:</c> names of allow-lists; the URL must match one.</summary>
    public IReadOnlyList<string> AllowLists { get; init; } = [];
    /// <summary><c>time:</c> periods of the role's day.</summary>
    public PeriodKind Time { get; init; } = PeriodKinds.Any;
    /// <summary><c>roles:</c> role names (empty: any).</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];
    /// <summary><c>role_kind:</c> staff or pupil.</summary>
    public RoleKind? RoleKind { get; init; }

    public bool HasCategoryCondition => Classes.Count > 0 || Categories.Count > 0;
}
