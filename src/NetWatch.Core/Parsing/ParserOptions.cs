using NodaTime;

namespace NetWatch.Core.Parsing;

/// <summary>
/// Settings a parser needs beyond the line itself. e2guardian formats 1, 2 and 4 log local wall-clock time with
/// no offset; <see cref="TimeZone"/> says which zone that clock was in. Syslog lines also lack the year.
/// </summary>
public sealed record ParserOptions
{
    public static readonly ParserOptions Default = new();

    /// <summary>
    /// The zone of local-time log formats. Default Europe/London (UK schools). Local times are resolved leniently:
    /// a time in the repeated autumn hour is taken as the EARLIER of its two instants (the log cannot say which),
    /// and a time in the skipped spring hour is moved forward by the gap (see LogTimestamps.TryParseE2Guardian).
    /// </summary>
    public DateTimeZone TimeZone { get; init; } = DateTimeZoneProviders.Tzdb["Europe/London"];

    /// <summary>
    /// The year of BSD-syslog timestamps (<c>Nov 22 10:00:01</c>, dnsmasq, filterlog), which carry none. Null: the
    /// year that puts the time at most a day after <see cref="Clock"/>'s now (so December lines read in January
    /// fall in the year before).
    /// </summary>
    public int? ReferenceYear { get; init; }

    /// <summary>The clock that dates year-less timestamps when <see cref="ReferenceYear"/> is null.</summary>
    public IClock Clock { get; init; } = SystemClock.Instance;
}
