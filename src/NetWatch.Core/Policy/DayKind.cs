namespace NetWatch.Core.Policy;

/// <summary>What the school calendar says a date is. Weekends keep the kind of the week they fall in.</summary>
public enum DayKind : byte
{
    /// <summary>A date outside every range the calendar mentions: treated as term (the weekly schedule applies).</summary>
    Uncovered = 0,
    Term = 1,
    /// <summary>An INSET (staff training) day: staff work, pupils do not.</summary>
    Inset = 2,
    /// <summary>School holiday: a closure or a date between terms.</summary>
    Holiday = 3,
    BankHoliday = 4,
}

public static class DayKinds
{
    public static string Name(DayKind kind) => kind switch
    {
        DayKind.Term => "term",
        DayKind.Inset => "inset",
        DayKind.Holiday => "holiday",
        DayKind.BankHoliday => "bank-holiday",
        _ => "uncovered",
    };

    public static bool TryParse(string text, out DayKind kind)
    {
        kind = text switch
        {
            "term" => DayKind.Term,
            "inset" => DayKind.Inset,
            "holiday" => DayKind.Holiday,
            "bank-holiday" => DayKind.BankHoliday,
            _ => DayKind.Uncovered,
        };
        return kind != DayKind.Uncovered;
    }
}
