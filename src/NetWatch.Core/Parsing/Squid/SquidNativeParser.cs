using NetWatch.Core.Events;

namespace NetWatch.Core.Parsing.Squid;

/// <summary>Squid's built-in <c>squid</c> log format (see <see cref="SquidNativeLine"/>).</summary>
public sealed class SquidNativeParser : ILogLineParser, ILogLineUrlReader
{
    public const string FormatName = "squid-native";

    public string Format => FormatName;

    /// <summary>The method and URL alone, for the alerts' read-ahead (<see cref="ILogLineUrlReader"/>).</summary>
    public bool TryReadUrl(ReadOnlySpan<char> line, out ReadOnlySpan<char> method, out ReadOnlySpan<char> url) =>
        SquidEventFactory.TryReadUrl(line, out method, out url);

    public ParseResult Parse(ReadOnlySpan<char> line, in EventOrigin origin)
    {
        if (LineGuard.Check(line) is { } fail) return fail;
        if (!SquidNativeLine.TryRead(line, out var n, out var reason, out var detail))
            return ParseResult.Fail(reason, detail);
        return SquidEventFactory.Create(FormatName, SquidEventFactory.Dataset, SquidEventFactory.Product, line, origin,
            SquidEventFactory.FromNative(n));
    }
}
