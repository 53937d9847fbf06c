using NetWatch.Service.Alerts;
using NodaTime;

namespace NetWatch.Service.Reports;

/// <summary>The <c>reports:</c> section: the browser that prints the termly report's PDF, and the weekly SLT e-mail.</summary>
public sealed record ReportsSettings
{
    public static readonly ReportsSettings None = new();

    /// <summary><c>reports.chromium</c>: the browser for <c>/slt/report.pdf</c>; null: the first found on PATH.</summary>
    public string? Chromium { get; init; }

    /// <summary><c>reports.weekly</c>; null: no weekly e-mail.</summary>
    public WeeklyReportSettings? Weekly { get; init; }
}

/// <summary>
/// The weekly SLT summary e-mail (<c>reports.weekly</c>): sent on <see cref="Day"/> at <see cref="Time"/> (school-local)
/// about the week (Monday to Sunday) before that day, to <see cref="To"/>, through an SMTP channel of the
/// <c>alerts:</c> section. With <see cref="EachSchool"/>, one e-mail per school of the trust instead, each with that
/// school's figures only (<see cref="EachSchoolAddressees"/>).
/// </summary>
public sealed record WeeklyReportSettings(IsoDayOfWeek Day, LocalTime Time, IReadOnlyList<string> To, EmailSettings Smtp)
{
    public static readonly IsoDayOfWeek DefaultDay = IsoDayOfWeek.Monday;
    public static readonly LocalTime DefaultTime = new(7, 0);

    /// <summary>The school whose week it is (its people as its pseudonyms); null: every school together (people are not listed).</summary>
    public string? School { get; init; }

    /// <summary><c>school: each</c>: one e-mail per school, to its recipients (<see cref="SchoolTo"/>, else its SLT
    /// accounts named by an e-mail address) and to <see cref="To"/>; <see cref="School"/> is then null.</summary>
    public bool EachSchool { get; init; }

    /// <summary><c>schools:</c> a school's own recipients (by school id), with <see cref="EachSchool"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> SchoolTo { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The web app's address; the message links to its SLT dashboard. Null: no link.</summary>
    public string? Link { get; init; }

    /// <summary>The first retry after a failed send waits this long, each next one twice as long, up to <see cref="RetryMax"/>.</summary>
    public Duration RetryFirst { get; init; } = Duration.FromSeconds(2);
    public Duration RetryMax { get; init; } = Duration.FromMinutes(5);
}
