namespace NetWatch.Core.Policy;

/// <summary>Where an instant falls in a role's day. Values are bit flags so a rule can name several.</summary>
[Flags]
public enum PeriodKind : byte
{
    /// <summary>Outside working hours: before or after them, on a day off, or a day the role does not work.</summary>
    Outside = 1,
    /// <summary>Inside working hours and not in a break.</summary>
    Working = 2,
    /// <summary>Inside a named break (morning break, lunch, ...).</summary>
    Break = 4,
}

public static class PeriodKinds
{
    public const PeriodKind Any = PeriodKind.Outside | PeriodKind.Working | PeriodKind.Break;

    public static string Name(PeriodKind kind) => kind switch
    {
        PeriodKind.Outside => "outside",
        PeriodKind.Working => "working",
        PeriodKind.Break => "break",
        _ => kind.ToString(),
    };

    /// <summary>The words a rule's <c>time</c> may use.</summary>
    public static bool TryParse(string text, out PeriodKind kind)
    {
        kind = text switch
        {
            "outside" => PeriodKind.Outside,
            "working" => PeriodKind.Working,
            "break" => PeriodKind.Break,
            "not-working" => PeriodKind.Outside | PeriodKind.Break,
            "any" => Any,
            _ => 0,
        };
        return kind != 0;
    }
}
