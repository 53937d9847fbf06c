using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace NetWatch.Core.Policy.Retention;

/// <summary>
/// How long one kind of record is kept: a calendar period ("12 months", "90 days", "2 years", "6 weeks") and, when a
/// policy states it, the clause it comes from. Months and years are calendar ones in the school's time zone, so
/// "12 months" before 2027-03-31 10:00 is 2026-03-31 10:00, whatever the clocks did in between.
/// </summary>
public sealed partial record RetentionPeriod(Period Period, string Text, string? Clause = null)
{
    /// <summary>The period when a policy and the configuration say nothing: 12 months.</summary>
    public static readonly RetentionPeriod Default = new(Period.FromMonths(12), "12 months");

    /// <summary>The instant before which records are older than this period at <paramref name="now"/>.</summary>
    public Instant Cutoff(Instant now, DateTimeZone zone) =>
        now.InZone(zone).LocalDateTime.Minus(Period).InZoneLeniently(zone).ToInstant();

    /// <summary>Reads "N day(s)|week(s)|month(s)|year(s)" (N from 1 to 100 years' worth); null with a reason when it is not one.</summary>
    public static RetentionPeriod? Parse(string text, string? clause, out string? error)
    {
        error = null;
        var m = PeriodText().Match(text.Trim());
        if (!m.Success || !int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            error = $"'{text}' is not a retention period such as '12 months', '90 days', '6 weeks' or '2 years'";
            return null;
        }
        var unit = m.Groups[2].Value.ToLowerInvariant();
        var (period, days) = unit switch
        {
            "day" => (Period.FromDays(n), (long)n),
            "week" => (Period.FromWeeks(n), 7L * n),
            "month" => (Period.FromMonths(n), 31L * n),
            _ => (Period.FromYears(n), 366L * n),
        };
        if (days > 366 * 100)
        {
            error = $"'{text}' is longer than 100 years";
            return null;
        }
        return new RetentionPeriod(period, $"{n} {unit}{(n == 1 ? "" : "s")}", clause);
    }

    [GeneratedRegex(@"^(\d{1,6})\s*(day|week|month|year)s?$", RegexOptions.IgnoreCase)]
    private static partial Regex PeriodText();

    public override string ToString() => Text;
}
