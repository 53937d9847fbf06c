using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace NetWatch.Web.Pages;

/// <summary>How pages write times, dates and numbers: in the school's zone, as people in a UK school read them.</summary>
public static class Display
{
    private static readonly LocalDateTimePattern DateTime = LocalDateTimePattern.CreateWithInvariantCulture("ddd d MMM yyyy HH:mm");
    private static readonly LocalDateTimePattern Time = LocalDateTimePattern.CreateWithInvariantCulture("HH:mm:ss");
    private static readonly LocalDatePattern Date = LocalDatePattern.CreateWithInvariantCulture("ddd d MMM yyyy");
    private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;
    private static readonly LocalDatePattern DayMonth = LocalDatePattern.CreateWithInvariantCulture("d MMM");

    public static string When(Instant at, DateTimeZone zone) => DateTime.Format(at.InZone(zone).LocalDateTime);
    public static string Clock(Instant at, DateTimeZone zone) => Time.Format(at.InZone(zone).LocalDateTime);
    public static string Day(LocalDate date) => Date.Format(date);
    public static string Iso(LocalDate date) => IsoDate.Format(date);

    /// <summary>A week (a time bucket's start, its Monday) as a school says it: "Week of 23 Nov", not the ISO "2026-W48".</summary>
    public static string WeekOf(Instant start, DateTimeZone zone) => "Week of " + DayMonth.Format(start.InZone(zone).Date);
    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
    public static string Minutes(double m) => m.ToString("N0", CultureInfo.InvariantCulture);
    public static string Bytes(long b) => b switch
    {
        < 1024 => $"{b} B",
        < 1024 * 1024 => (b / 1024.0).ToString("N1", CultureInfo.InvariantCulture) + " KB",
        < 1024L * 1024 * 1024 => (b / 1024.0 / 1024).ToString("N1", CultureInfo.InvariantCulture) + " MB",
        _ => (b / 1024.0 / 1024 / 1024).ToString("N1", CultureInfo.InvariantCulture) + " GB",
    };

    /// <summary>A school-local date typed in a form (yyyy-MM-dd), or null when empty or not a date.</summary>
    public static LocalDate? ParseDate(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : IsoDate.Parse(text.Trim()) is { Success: true } r ? r.Value : null;

    /// <summary>The first instant of a school-local date.</summary>
    public static Instant StartOf(LocalDate date, DateTimeZone zone) => date.AtStartOfDayInZone(zone).ToInstant();

    /// <summary>The chart colour (a CSS custom property) of a verdict, the same in every chart.</summary>
    public static string? VerdictColour(string? verdict) => verdict switch
    {
        "work" => "--chart-3",
        "personal-break" => "--chart-1",
        "personal-working-hours" => "--chart-2",
        "prohibited" => "--chart-5",
        "safeguarding" => "--chart-4",
        "unclassified" => "--chart-6",
        _ => "--chart-7", // no verdict: apart from "unclassified", which had the same grey in the trend
    };

    /// <summary>A verdict as people say it.</summary>
    public static string Verdict(string? verdict) => verdict switch
    {
        "work" => "Work",
        "personal-break" => "Personal, in a break",
        "personal-working-hours" => "Personal, in working hours",
        "prohibited" => "Prohibited",
        "safeguarding" => "Safeguarding",
        "unclassified" => "Unclassified",
        null or "" => "—",
        NetWatch.Storage.Contracts.Aggregates.AggregateRow.NoValue => GroupName.None(NetWatch.Storage.Contracts.Aggregates.AggregateDimension.Verdict), // events the policy did not judge
        _ => verdict,
    };
}
