using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Squid;

namespace NetWatch.Core.Parsing.E2Guardian;

/// <summary>
/// e2guardian <c>logfileformat = 3</c>, Squid-like:
/// <c>ts.ms duration ip TCP_DENIED/403|TCP_MISS/code|TCP_HIT/code size method url user DEFAULT_PARENT/127.0.0.1 mime</c>.
/// It has Squid's native layout, so it is read the same way; the result and hierarchy codes e2guardian writes go
/// into squid.* (that is what the line says) and no e2guardian.* group is set (the format carries none of it).
/// </summary>
public sealed class E2GuardianFmt3Parser : ILogLineParser, ILogLineUrlReader
{
    public const string FormatName = "e2guardian-3";

    public string Format => FormatName;

    /// <summary>The method and URL alone, for the alerts' read-ahead (<see cref="ILogLineUrlReader"/>).</summary>
    public bool TryReadUrl(ReadOnlySpan<char> line, out ReadOnlySpan<char> method, out ReadOnlySpan<char> url) =>
        SquidEventFactory.TryReadUrl(line, out method, out url);

    public ParseResult Parse(ReadOnlySpan<char> line, in EventOrigin origin)
    {
        if (LineGuard.Check(line) is { } fail) return fail;
        if (!SquidNativeLine.TryRead(line, out var n, out var reason, out var detail))
            return ParseResult.Fail(reason, detail);
        var fields = SquidEventFactory.FromNative(n);
        fields.UserEqualToIpIsNoName = true;
        return SquidEventFactory.Create(FormatName, E2GuardianEventFactory.Dataset, E2GuardianEventFactory.Product, line, origin, fields);
    }
}
