using NodaTime;

namespace NetWatch.Core.Parsing;

/// <summary>
/// Settings a parser needs beyond the line itself. e2guardian formats 1, 2 and 4 log local wall-clock time with
/// no offset; <see cref="TimeZone"/> says which zone that clock was in.
/// </summary>
public sealed record ParserOptions
{
    public static readonly ParserOptions Default = new();

    /// <summary>The zone of local-time log formats. Default Europe/London (UK schools).</summary>
    public DateTimeZone TimeZone { get; init; } = DateTimeZoneProviders.Tzdb["Europe/London"];
}
