using NodaTime;

namespace NetWatch.Core.Policy;

/// <summary>A named range of dates, both ends included.</summary>
public sealed record DateRange(string Name, LocalDate From, LocalDate To)
{
    public bool Contains(LocalDate d) => d >= From && d <= To;
}

/// <summary>
/// Terms, closures (half terms etc. inside a term), INSET days and bank holidays. A date between the first and
/// the last date of its terms, closures and INSET days that is not in a term is a holiday; dates outside that span
/// are <see cref="DayKind.Uncovered"/> (treated as term), except bank holidays, which are known wherever they fall.
/// </summary>
public sealed record SchoolCalendar
{
    public static readonly SchoolCalendar Empty = new();

    public IReadOnlyList<DateRange> Terms { get; init; } = [];
    public IReadOnlyList<DateRange> Closures { get; init; } = [];
    public IReadOnlyList<LocalDate> InsetDays { get; init; } = [];
    public IReadOnlyList<LocalDate> BankHolidays { get; init; } = [];

    public LocalDate? First => AllDates().Select(d => (LocalDate?)d).Min();
    public LocalDate? Last => AllDates().Select(d => (LocalDate?)d).Max();

    IEnumerable<LocalDate> AllDates() =>
        Terms.SelectMany(t => new[] { t.From, t.To })
            .Concat(Closures.SelectMany(c => new[] { c.From, c.To }))
            .Concat(InsetDays);   // bank holidays are known wherever they fall and do not widen the span

    /// <summary>The kind of a date (slow path; the engine precomputes a table from this).</summary>
    public DayKind KindOf(LocalDate date)
    {
        if (BankHolidays.Contains(date)) return DayKind.BankHoliday;
        if (InsetDays.Contains(date)) return DayKind.Inset;
        var first = First;
        var last = Last;
        if (first is null || date < first || date > last) return DayKind.Uncovered;
        if (Closures.Any(c => c.Contains(date))) return DayKind.Holiday;
        return Terms.Any(t => t.Contains(date)) ? DayKind.Term : DayKind.Holiday;
    }
}
