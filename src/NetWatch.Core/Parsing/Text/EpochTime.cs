using NodaTime;

namespace NetWatch.Core.Parsing.Text;

/// <summary>Reads Squid-style epoch timestamps: <c>seconds[.fraction]</c>, e.g. <c>1795386291.475</c>.</summary>
internal static class EpochTime
{
    private static readonly long MaxSeconds = Instant.MaxValue.ToUnixTimeSeconds() - 1;

    public static bool TryParse(ReadOnlySpan<char> s, out Instant instant)
    {
        instant = default;
        var dot = s.IndexOf('.');
        var whole = dot < 0 ? s : s[..dot];
        if (!SpanNumbers.TryParseInt64(whole, out var seconds) || seconds > MaxSeconds) return false;
        long nanos = 0;
        if (dot >= 0)
        {
            var frac = s[(dot + 1)..];
            if (frac.IsEmpty || frac.Length > 9 || !SpanNumbers.TryParseInt64(frac, out nanos)) return false;
            for (var i = frac.Length; i < 9; i++) nanos *= 10;
        }
        instant = Instant.FromUnixTimeSeconds(seconds).PlusNanoseconds(nanos);
        return true;
    }
}
