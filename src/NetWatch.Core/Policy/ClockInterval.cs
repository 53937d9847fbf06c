using NodaTime;

namespace NetWatch.Core.Policy;

/// <summary>A half-open interval of local clock time [Start, End) within one day, in seconds of the day (End may be 86400).</summary>
public readonly record struct ClockInterval(int StartSecond, int EndSecond)
{
    public bool Contains(int secondOfDay) => secondOfDay >= StartSecond && secondOfDay < EndSecond;
    public bool Overlaps(ClockInterval other) => StartSecond < other.EndSecond && other.StartSecond < EndSecond;
    public bool Covers(ClockInterval inner) => inner.StartSecond >= StartSecond && inner.EndSecond <= EndSecond;
    public int Seconds => EndSecond - StartSecond;

    public override string ToString() => $"{Format(StartSecond)}-{Format(EndSecond)}";

    static string Format(int s) => $"{s / 3600:00}:{s / 60 % 60:00}";

    /// <summary>Parses "HH:mm-HH:mm" (24:00 allowed as an end). Null with a reason on failure.</summary>
    public static ClockInterval? TryParse(string text, out string? error)
    {
        error = null;
        var parts = text.Split('-');
        if (parts.Length != 2 || !TryParseTime(parts[0].Trim(), out var start) || !TryParseTime(parts[1].Trim(), out var end))
        {
            error = $"'{text}' is not a time range like \"08:40-15:20\"";
            return null;
        }
        if (start == 86400) { error = $"'{text}': a range cannot start at 24:00"; return null; }
        if (end <= start) { error = $"'{text}': the end must be after the start"; return null; }
        return new ClockInterval(start, end);
    }

    static bool TryParseTime(string text, out int seconds)
    {
        seconds = 0;
        if (text == "24:00") { seconds = 86400; return true; }
        var result = NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text);
        if (!result.Success) return false;
        seconds = (int)(result.Value.TickOfDay / NodaConstants.TicksPerSecond);
        return true;
    }

    public static ClockInterval Of(LocalTime start, LocalTime end) => new((int)(start.TickOfDay / NodaConstants.TicksPerSecond), (int)(end.TickOfDay / NodaConstants.TicksPerSecond));
}
