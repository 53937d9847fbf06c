using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Text;

namespace NetWatch.Core.Parsing.E2Guardian;

/// <summary>
/// e2guardian <c>logfileformat = 6</c> (protex), 20 TAB-separated fields:
/// <c>ts.ms server user ip clienthost url method code size mime useragent - duration_ms - messageno what weight
/// category groupname group</c>. The epoch time is when the request finished, so event.start = time − duration.
/// </summary>
public sealed class E2GuardianFmt6Parser : ILogLineParser
{
    public const string FormatName = "e2guardian-6";

    private const int FieldCount = 20;

    public string Format => FormatName;

    public ParseResult Parse(ReadOnlySpan<char> line, in EventOrigin origin)
    {
        if (LineGuard.Check(line) is { } fail) return fail;
        Span<Range> f = stackalloc Range[FieldCount + 1];
        if (line.Split(f, '\t') != FieldCount)
            return ParseResult.Fail(ParseReasons.FieldCount, $"expected {FieldCount} TAB-separated fields");
        var r = new E2GuardianRecord
        {
            User = line[f[2]],
            Ip = line[f[3]],
            ClientHost = line[f[4]],
            Url = line[f[5]],
            Method = line[f[6]],
            Code = line[f[7]],
            Size = line[f[8]],
            Mime = line[f[9]],
            UserAgent = line[f[10]],
            MessageNumber = line[f[14]],
            What = line[f[15]],
            Weight = line[f[16]],
            Category = line[f[17]],
            GroupName = line[f[18]],
            Group = line[f[19]],
        };
        if (!EpochTime.TryParse(line[f[0]], out r.Timestamp))
            return ParseResult.Fail(ParseReasons.BadTimestamp, "epoch time expected");
        var duration = line[f[12]];
        if (duration is not "-")
        {
            if (!SpanNumbers.TryParseInt64(duration, out var ms) || ms > Squid.SquidNativeLine.MaxElapsedMs)
                return ParseResult.Fail(ParseReasons.BadNumber, "duration must be a number of milliseconds");
            r.DurationMs = ms;
        }
        return E2GuardianEventFactory.Create(FormatName, line, origin, r);
    }
}
