using NetWatch.Core.Events;

namespace NetWatch.Core.Parsing;

/// <summary>
/// Turns one log line into an event. Implementations are stateless, thread-safe and never throw:
/// every failure comes back as a <see cref="ParseResult"/> with a reason. The exception to statelessness is marked
/// by <see cref="IStatefulLogLineParser"/> (W3C), whose lines must be given in order to one instance per source.
/// </summary>
public interface ILogLineParser
{
    /// <summary>The format name used by --format, e.g. "squid-native".</summary>
    string Format { get; }

    ParseResult Parse(ReadOnlySpan<char> line, in EventOrigin origin);
}
