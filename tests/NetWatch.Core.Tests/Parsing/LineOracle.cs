using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace NetWatch.Core.Tests.Parsing;

/// <summary>What a corpus line says, read by a regular expression per format: an implementation independent of
/// the span parsers, used to check them.</summary>
public sealed record LineFacts(Instant Timestamp, string Ip, string? User, string Method, string Url, int? Status, long? Bytes);

public static partial class LineOracle
{
    [GeneratedRegex(@"^(\d+\.\d{3}) +(\d+) (\S+) \S+/(\d{3}) (\d+) (\S+) (\S+) (.+) \S+/\S+ \S+$")]
    private static partial Regex Native();

    [GeneratedRegex(@"^(\S+) \S+ (.+) \[([^\]]+)\] ""(\S+) (\S+) \S+"" (\d+) (\d+) ""[^""]*"" "".*"" \S+:\S+$")]
    private static partial Regex Combined();

    [GeneratedRegex(@"^(\d+\.\d{3}) +(\d+) (\S+) \S+/(\d{3}) (\d+) (\S+) (\S+) (.+) \S+/\S+ \S+ "".*"" "".*""$")]
    private static partial Regex Custom();

    // fmt1: the reason/category/UA have spaces; method, size, weight and group+code are anchors.
    [GeneratedRegex(@"^(\d{4}\.\d\d\.\d\d \d\d:\d\d:\d\d) (\S+) (\S+) (\S+) .+? ([A-Z]+) (\d+) -?\d+ .+? \d+ (\d{3}) \S+ \S+ \S+ .* \S+ \S+ \S+ \S+$")]
    private static partial Regex Fmt1();

    private static readonly LocalDateTimePattern E2gTime = LocalDateTimePattern.CreateWithInvariantCulture("yyyy.MM.dd HH:mm:ss");
    private static readonly LocalDateTimePattern ClfTime = LocalDateTimePattern.CreateWithInvariantCulture("dd/MMM/yyyy:HH:mm:ss");

    public static LineFacts Read(string format, string line) => format switch
    {
        "squid-native" or "e2guardian-3" => FromNative(Native().Match(line)),
        "squid-custom" => FromNative(Custom().Match(line)),
        "squid-combined" => FromCombined(Combined().Match(line)),
        "e2guardian-1" => FromFmt1(Fmt1().Match(line)),
        "e2guardian-2" => FromList(line[1..^1].Split("\",\"")),
        "e2guardian-4" => FromList(line.Split('\t')),
        "e2guardian-6" => FromFmt6(line.Split('\t')),
        _ => throw new ArgumentException(format),
    };

    private static LineFacts FromNative(Match m)
    {
        Assert.True(m.Success, "oracle regex did not match");
        return new(Epoch(m.Groups[1].Value), m.Groups[3].Value, Dash(m.Groups[8].Value), m.Groups[6].Value, m.Groups[7].Value,
            Status(m.Groups[4].Value), long.Parse(m.Groups[5].Value));
    }

    private static LineFacts FromCombined(Match m)
    {
        Assert.True(m.Success, "oracle regex did not match");
        var text = m.Groups[3].Value;
        Assert.EndsWith(" +0000", text);
        var t = ClfTime.Parse(text[..^6]).Value.InUtc().ToInstant();
        return new(t, m.Groups[1].Value, Dash(m.Groups[2].Value), m.Groups[4].Value, m.Groups[5].Value,
            Status(m.Groups[6].Value), long.Parse(m.Groups[7].Value));
    }

    private static LineFacts FromFmt1(Match m)
    {
        Assert.True(m.Success, "oracle regex did not match");
        return new(Utc(m.Groups[1].Value), m.Groups[3].Value, Dash(m.Groups[2].Value), m.Groups[5].Value, m.Groups[4].Value,
            Status(m.Groups[7].Value), long.Parse(m.Groups[6].Value));
    }

    private static LineFacts FromList(string[] f)
    {
        Assert.True(f.Length == 19, $"expected 19 fields, got {f.Length}");
        return new(Utc(f[0]), f[2], Dash(f[1]), f[5], f[3], Status(f[10]), long.Parse(f[6]));
    }

    private static LineFacts FromFmt6(string[] f)
    {
        Assert.True(f.Length == 20, $"expected 20 fields, got {f.Length}");
        return new(Epoch(f[0]), f[3], Dash(f[2]), f[6], f[5], Status(f[7]), long.Parse(f[8]));
    }

    // The corpus machine ran on UTC (= London time in November).
    private static Instant Utc(string text) => E2gTime.Parse(text).Value.InUtc().ToInstant();

    private static Instant Epoch(string text) => Instant.FromUnixTimeMilliseconds((long)Math.Round(decimal.Parse(text) * 1000));

    private static int? Status(string s) => int.Parse(s) is var v && v != 0 ? v : null;

    private static string? Dash(string s) => s == "-" ? null : s;
}
